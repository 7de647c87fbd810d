"""Writes of duty reviews: setting a review up (setup), the panel's and the units' marks
(marks), residents' verified ratings (ratings)."""
