"""The project's shared library: code used by the Pelican plugins, the tasks and the tests."""
