"""Tests of the feedback service (mirrors src/helpcenter/feedback)."""
