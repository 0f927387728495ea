"""Reading pages: decode bytes, split pages into articles, find bylines and parks."""
