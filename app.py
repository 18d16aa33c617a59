"""Launch the coach web app: `python app.py [--host H] [--port P]` (same as `coach serve`)."""

import sys

from coach.cli import app

if __name__ == "__main__":
    app(["serve", *sys.argv[1:]], prog_name="app.py")
