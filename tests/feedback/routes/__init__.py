"""Tests of the HTTP routes."""
