"""What several test modules share and no benchmark needs: conversations many tests
start from, and the playground and main.py run as processes. A test module never imports
another test module; what bench/ needs too lives in the top-level `testkit` package."""
