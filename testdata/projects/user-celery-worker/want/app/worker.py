from celery import Celery

from app.core.config import settings

celery = Celery("orders", broker=settings.redis_url)
