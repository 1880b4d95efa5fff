from pydantic import (Field
