"""Stages 5 and 7, export and publish: Parquet and CSV twins with datapackage.json, releases with their
data diff, dictionary, card and plots, the Datasette portal, and publishing to CKAN and its DataStore."""
