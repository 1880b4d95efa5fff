#!/usr/bin/env python
# Copyright header.
X = 1
