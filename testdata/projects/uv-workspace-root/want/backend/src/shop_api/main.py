from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI
from shop_models import Product

from shop_api.config import Settings, get_settings
from shop_api.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(lifespan=lifespan)


@app.get("/products/{sku}")
async def product(sku: str, settings: Annotated[Settings, Depends(get_settings)]) -> Product:
    return Product(sku=sku, price_cents=100)
