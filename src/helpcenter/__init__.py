"""helpcenter: a generator of multilingual help-center sites."""

__version__ = "0.1.0"
