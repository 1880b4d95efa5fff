from typing import Annotated

from fastapi import Depends, FastAPI
from shop_models import Product

from shop_api.config import Settings, get_settings

app = FastAPI()


@app.get("/products/{sku}")
async def product(sku: str, settings: Annotated[Settings, Depends(get_settings)]) -> Product:
    return Product(sku=sku, price_cents=100)
