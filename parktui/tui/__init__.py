"""The Textual browser: a thin layer over the core."""
