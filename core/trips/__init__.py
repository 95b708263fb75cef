"""Trips: visits grouped by place, dated in the season, priced from configurable rates."""
