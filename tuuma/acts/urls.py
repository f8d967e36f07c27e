
app_name = "acts"

# The act page lives at katalogi/<id>/<slug>/ (see Act.get_absolute_url); views come next.
urlpatterns: list = []
