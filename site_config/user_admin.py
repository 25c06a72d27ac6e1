"""Users and groups in the admin, without a way up for staff who may change them.

Django's own user admin lets anyone with the change-user permission tick "superuser status"
(for themselves too) and give any group or permission. Here only a superuser sees superuser
status or may change a superuser's account; other staff choose among the groups and
permissions they hold themselves, and what a user already has beyond that is kept as it is.
The group admin limits a group's permissions the same way.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User


def permissions_held_by(user):
    if user.is_superuser:
        return Permission.objects.all()
    return Permission.objects.filter(pk__in=_held_permission_ids(user))


def _held_permission_ids(user):
    own = Permission.objects.filter(user=user).values_list("pk", flat=True)
    via_groups = Permission.objects.filter(group__user=user).values_list("pk", flat=True)
    return {*own, *via_groups}


def _limit_choices(form, field_name, allowed, current):
    """Offer only `allowed` in the field; on save, keep what `current` holds beyond it."""
    if field_name not in form.base_fields:
        return
    field = form.base_fields[field_name]
    field.queryset = allowed
    clean_field = getattr(form, f"clean_{field_name}", None)

    def clean_limited(self):
        chosen = clean_field(self) if clean_field else self.cleaned_data[field_name]
        kept = current.exclude(pk__in=allowed.values("pk")) if current is not None else []
        return [*chosen, *kept]

    setattr(form, f"clean_{field_name}", clean_limited)


class SiteUserAdmin(UserAdmin):
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "is_superuser"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.user.is_superuser:
            return form
        _limit_choices(
            form,
            "groups",
            Group.objects.filter(user=request.user),
            obj.groups.all() if obj else None,
        )
        _limit_choices(
            form,
            "user_permissions",
            permissions_held_by(request.user),
            obj.user_permissions.all() if obj else None,
        )
        return form

    def has_change_permission(self, request, obj=None):
        # A superuser's account (password, e-mail, status) is a superuser's business.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class SiteGroupAdmin(GroupAdmin):
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser:
            _limit_choices(
                form,
                "permissions",
                permissions_held_by(request.user),
                obj.permissions.all() if obj else None,
            )
        return form


admin.site.unregister(User)
admin.site.register(User, SiteUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, SiteGroupAdmin)
