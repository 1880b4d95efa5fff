from .base import Base
from . import util
