#!/usr/bin/env python
from fazhi.__main__ import main

if __name__ == "__main__":
    main()
