"""A page's revision content, as `serializable_data()` computes it, for many pages at a time.

modelcluster's `serializable_data()` calls each field's `pre_save` and `value_to_string` for
every object, and looks up the model's child relations each time. For the importer's batches we
sort the fields once per model into what they need, read the plain ones directly, and keep
modelcluster's own function for any other field: the result is the same dictionary
(tests/newsfeeds/test_feed_revision_content.py compares them).
"""

import datetime
from functools import cache

from django.conf import settings
from django.db.models import DateTimeField, Field
from django.utils import timezone
from django.utils.encoding import is_protected_type
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations, get_field_value

RELATED, MOMENT, PLAIN, OTHER = range(4)


def _kind(field):
    if field.remote_field is not None:
        return RELATED
    if type(field) is DateTimeField and not (field.auto_now or field.auto_now_add):
        return MOMENT
    if type(field).pre_save is Field.pre_save and type(field).value_to_string is Field.value_to_string:
        return PLAIN
    return OTHER


@cache
def _plan(model):
    """(pk field, [(name, kind, field)], child relations, child m2m fields) of this model."""
    pk_field = model._meta.pk
    while pk_field.remote_field and pk_field.remote_field.parent_link:
        pk_field = pk_field.remote_field.model._meta.pk
    fields = [(field.name, _kind(field), field) for field in model._meta.fields if field.serialize]
    relations = [(relation.get_accessor_name(), relation.related_model) for relation in get_all_child_relations(model)]
    m2m = [field.name for field in get_all_child_m2m_relations(model) if field.serialize]
    return pk_field, fields, relations, m2m


def _value(obj, kind, field):
    if kind == RELATED:
        return getattr(obj, field.attname)
    value = getattr(obj, field.attname)
    if kind == MOMENT:
        if isinstance(value, datetime.datetime) and settings.USE_TZ:
            if timezone.is_naive(value):
                return timezone.make_aware(value, timezone.get_default_timezone()).astimezone(datetime.UTC)
            return timezone.localtime(value, datetime.UTC)
        return value
    if kind == PLAIN:
        return value if is_protected_type(value) else str(value)
    return get_field_value(field, obj)


def _fields_data(obj):
    pk_field, fields, _relations, _m2m = _plan(type(obj))
    data = {"pk": get_field_value(pk_field, obj)}
    for name, kind, field in fields:
        data[name] = _value(obj, kind, field)
    return data


def revision_content(obj):
    """What `obj.serializable_data()` returns (a ClusterableModel: fields, child relations, m2m)."""
    _pk_field, _fields, relations, m2m = _plan(type(obj))
    data = _fields_data(obj)
    for name, related_model in relations:
        children = getattr(obj, name).all()
        if hasattr(related_model, "serializable_data"):
            data[name] = [child.serializable_data() for child in children]
        else:
            data[name] = [_fields_data(child) for child in children]
    for name in m2m:
        data[name] = [child.pk for child in getattr(obj, name).all()]
    return data
