from typing import *
from pydantic import *
