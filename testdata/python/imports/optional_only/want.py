from typing import Any, Optional
