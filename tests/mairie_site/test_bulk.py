"""The imports' bulk inserts (mairie_site/bulk.py) behave the same on SQLite and on PostgreSQL: rows
land as given, keys drawn in advance are fresh, keys read back follow the rows."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from mairie_site.bulk import insert_rows, insert_rows_returning_pks, reserve_ids

pytestmark = pytest.mark.django_db


def test_inserted_rows_land_as_given():
    names = ["Piscine d'été", "Ludothèque « Les Dés »"]
    insert_rows(Group, ["name"], ([name] for name in names))
    assert sorted(Group.objects.filter(name__in=names).values_list("name", flat=True)) == sorted(names)


def test_reserved_keys_are_consecutive_and_beyond_every_key_ever_given():
    with transaction.atomic():
        deleted = Group.objects.create(name="Supprimé").pk
        Group.objects.filter(pk=deleted).delete()  # the highest key, gone: no new row may take it again
        keys = reserve_ids(Group, 3)
    assert keys == list(range(keys[0], keys[0] + 3))
    assert keys[0] > deleted


def test_rows_stored_under_reserved_keys_push_the_next_keys_past_them():
    with transaction.atomic():
        Group.objects.create(name="Premier")  # the transaction has written: SQLite's lock is held
        keys = reserve_ids(Group, 2)
        insert_rows(Group, ["id", "name"], [(keys[0], "Voirie"), (keys[1], "Écoles")])
    assert dict(Group.objects.filter(pk__in=keys).values_list("pk", "name")) == {keys[0]: "Voirie", keys[1]: "Écoles"}
    assert reserve_ids(Group, 1)[0] > keys[1]
    assert Group.objects.create(name="Suivant").pk > keys[1]


def test_keys_read_back_follow_the_rows_order_across_statements():
    names = [f"Service {n}" for n in range(7)]
    keys = insert_rows_returning_pks(Group, ["name"], [(name,) for name in names], chunk=3)
    assert [Group.objects.get(pk=key).name for key in keys] == names
