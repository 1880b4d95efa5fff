from pydantic import BaseModel


class Product(BaseModel):
    sku: str
    price_cents: int
