from typing import cast, Annotated, Literal
from pydantic import model_validator, Field, SecretStr
