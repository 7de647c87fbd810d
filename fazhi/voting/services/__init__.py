"""Writes of the voting app: voters (codes, passes), votes, review and jury, set-up."""
