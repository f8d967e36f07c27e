"""The index follows every save: acts (with translations, themes and sectors) and ideas (with
units). Writes happen in the saving transaction, so a rolled-back save leaves no trace."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from tuuma.acts.models import Act, ActTranslation
from tuuma.ideas.models import Idea

from . import index

RELATION_ACTIONS = {"post_add", "post_remove", "post_clear"}


@receiver(post_save, sender=Act, dispatch_uid="search_act_saved")
def act_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_act(instance)


@receiver(post_delete, sender=Act, dispatch_uid="search_act_deleted")
def act_deleted(sender, instance, **kwargs):
    index.remove("act", instance.pk)


@receiver(post_save, sender=ActTranslation, dispatch_uid="search_translation_saved")
@receiver(post_delete, sender=ActTranslation, dispatch_uid="search_translation_deleted")
def translation_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or not _deleted_for_itself(origin):
        return
    act = Act.objects.filter(pk=instance.act_id).first()
    if act is not None:
        index.index_act(act)


def _deleted_for_itself(origin) -> bool:
    """False when a translation goes because its act (or organization) is being deleted:
    re-indexing the act then would write an index row for an act that is on its way out."""
    if origin is None:  # a save
        return True
    model = origin.model if hasattr(origin, "model") else type(origin)
    return model is ActTranslation


def _act_relation_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action not in RELATION_ACTIONS:
        return
    if not reverse:
        index.index_act(instance)
    elif pk_set:  # theme.acts.add(...) and the like
        for act in Act.objects.filter(pk__in=pk_set):
            index.index_act(act)


for _through, _uid in ((Act.themes.through, "themes"), (Act.sectors.through, "sectors")):
    m2m_changed.connect(_act_relation_changed, sender=_through, dispatch_uid=f"search_act_{_uid}")


@receiver(post_save, sender=Idea, dispatch_uid="search_idea_saved")
def idea_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_idea(instance)


@receiver(post_delete, sender=Idea, dispatch_uid="search_idea_deleted")
def idea_deleted(sender, instance, **kwargs):
    index.remove("idea", instance.pk)


@receiver(m2m_changed, sender=Idea.units.through, dispatch_uid="search_idea_units")
def idea_units_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action not in RELATION_ACTIONS:
        return
    if not reverse:
        index.index_idea(instance)
    elif pk_set:
        for idea in Idea.objects.filter(pk__in=pk_set):
            index.index_idea(idea)
