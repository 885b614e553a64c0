from django.urls import path

from . import feeds, views

app_name = "portal"

urlpatterns = [
    path("portail/abonnements/", views.subscriptions, name="subscriptions"),
    path("portail/suivre/", views.follow, name="follow"),
    path("portail/preferences/", views.preferences, name="preferences"),
    path("portail/preferences/flux/", views.feed_token, name="feed_token"),
    path("portail/bienvenue/", views.welcome, name="welcome"),
    path("portail/bienvenue/services/", views.welcome_services, name="welcome_services"),
    path("portail/bienvenue/applications/", views.welcome_applications, name="welcome_applications"),
    path("portail/bienvenue/plus-tard/", views.skip_welcome, name="skip_welcome"),
    path("portail/applications/", views.applications, name="applications"),
    path("portail/applications/<int:pk>/epingler/", views.pin_application, name="pin_application"),
    path("portail/partager/<int:page_id>/", views.share, name="share"),
    path("portail/partages/<int:pk>/retirer/", views.remove_share, name="remove_share"),
    path("portail/lire/<int:page_id>/", views.read, name="read"),
    path("portail/lettre/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("flux/<str:token>/canal/<int:pk>.rss", feeds.ChannelFeed(), name="channel_rss"),
    path("flux/<str:token>/canal/<int:pk>.atom", feeds.ChannelAtomFeed(), name="channel_atom"),
    path("flux/<str:token>/service/<int:pk>.rss", feeds.ServiceFeed(), name="service_rss"),
    path("flux/<str:token>/service/<int:pk>.atom", feeds.ServiceAtomFeed(), name="service_atom"),
    path("flux/<str:token>/mon-portail.rss", feeds.PersonalFeed(), name="personal_rss"),
    path("flux/<str:token>/mon-portail.atom", feeds.PersonalAtomFeed(), name="personal_atom"),
]
