"""Readers and scorers for each gold format of `thucydides eval`, one module per format.

`thucydides.evaluate.evaluate_file` tells the formats apart and hands each file to its module here.
"""
