"""What every area uses: settings, cache, collation, pagination, file routes, validators.

The core knows no area: areas register with it (cache areas, invalidation
rules), never the other way round.
"""
