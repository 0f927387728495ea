"""The sample page shipped with parktui (a 科技日报 园区 page)."""
