"""No pages: the importer serves nothing."""

urlpatterns: list[object] = []
