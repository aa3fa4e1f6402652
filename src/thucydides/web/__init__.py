"""The dashboard's page (``templates/index.html``) and its static JavaScript, CSS and map outline.

Everything here is served by :mod:`thucydides.api`; nothing is fetched from another host.
"""
