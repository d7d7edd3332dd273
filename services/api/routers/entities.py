"""/v1/entities: who and what the articles mention, most mentioned first."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from services.api import queries
from services.api.deps import ConnDep
from services.api.schemas import EntityList, EntitySummary

router = APIRouter(prefix="/v1/entities", tags=["entities"])

EntityType = Literal["PERSON", "ORG", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"]


@router.get("", response_model=EntityList)
def list_entities(
    conn: ConnDep,
    entity_type: Annotated[EntityType | None, Query(alias="type")] = None,
    q: Annotated[str | None, Query(description="substring of the entity text")] = None,
    role: Annotated[str | None, Query(description="substring of a role seen with it, e.g. 市委书记")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> EntityList:
    """`{"entities": [{"text", "type", "mentions", "articles", "roles"}]}` ordered by mentions."""
    return EntityList(entities=[EntitySummary(**r) for r in queries.entities(conn, entity_type, q, role, limit)])
