#!/usr/bin/env python
from tuuma.cli import main

if __name__ == "__main__":
    main()
