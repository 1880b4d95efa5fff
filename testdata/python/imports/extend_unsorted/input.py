from typing import cast, Annotated
from pydantic import model_validator, Field
