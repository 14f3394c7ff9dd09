"""The feedback service: stores "Was this helpful?" votes and search misses of the help-center."""
