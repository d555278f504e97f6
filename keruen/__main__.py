import sys

from keruen.cli import main

sys.exit(main())
