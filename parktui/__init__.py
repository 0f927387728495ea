"""parktui: a terminal browser for Chinese industrial-park news."""

__version__ = "0.1.0"
