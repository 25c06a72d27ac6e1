"""Tags in the admin: rename, merge, and see where each tag is used.

Replaces taggit's own Tag admin. A tag's slug is its identity (site_config.tagging), so a
rename that would collide with another tag, apart from case or accents, is refused with a
pointer to merging instead.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from taggit.models import Tag

from glossary.models import Term
from site_config.admin_saves import UniqueRaceAdminMixin
from site_config.tagging import tag_identity, tag_name_problem, tag_slug, unique_tag_slug
from site_config.text import CleanTextModelForm, clean_name

from ..models import Article, Reference
from ..tags import merge_tags, tag_usage

if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


class TagForm(CleanTextModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        help_texts = {
            "name": "How readers see the topic. Renaming keeps every article, term and "
            "reference that carries it.",
            "slug": "The topic's address, /tags/<slug>/. Changing it breaks links to the old "
            "address. Left empty, it is made from the name.",
        }
        error_messages = {
            "name": {
                "max_length": "This name is %(show_value)d characters long; a tag can have at "
                "most %(limit_value)d.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        if not self.cleaned_data["slug"]:
            return ""  # made from the name on saving
        slug = tag_slug(self.cleaned_data["slug"])
        if not slug:
            raise forms.ValidationError(
                "An address needs at least one letter or digit, e.g. “hormone-balance”.",
                code="invalid",
            )
        return slug

    def clean_name(self):
        name = clean_name(self.cleaned_data["name"])
        problem = tag_name_problem(name)
        if problem:
            raise forms.ValidationError(problem, code="invalid")
        others = Tag.objects.exclude(pk=self.instance.pk)
        same_slug = others.filter(slug=tag_slug(name)).first()
        if same_slug and tag_slug(name) != tag_identity(name):
            # The slug was cut to fit: the same only if the whole names spell the same.
            same_slug = same_slug if tag_identity(same_slug.name) == tag_identity(name) else None
        clash = others.filter(name__iexact=name).first() or same_slug
        if clash:
            raise forms.ValidationError(
                "The tag “%(other)s” already has this name (apart from capitals or accents). "
                "To make them one tag, select both in the tag list and choose “Merge "
                "selected tags”.",
                params={"other": clash.name},
                code="duplicate",
            )
        return name

    def save(self, commit=True):
        # Staff who may not edit the address (or a new tag): derive it here, not in taggit,
        # whose slug is neither cut to the column's length nor refused when empty.
        if not self.instance.slug:
            self.instance.slug = unique_tag_slug(self.instance.name, exclude_pk=self.instance.pk)
        return super().save(commit)


class MergeTagsForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this tag",
        help_text="Everything tagged with the others gets this tag; the others are deleted.",
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = tags


@admin.register(Tag)
class TagAdmin(UniqueRaceAdminMixin, admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug", "article_count", "term_count", "reference_count"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    fields = ["name", "slug", "usage"]

    def get_readonly_fields(self, request, obj=None):
        # The display spelling is the publishers'; a tag's address (slug) is an
        # administrator's: changing it breaks links to the old address.
        if request.user.is_superuser:
            return ["usage"]
        return ["slug", "usage"]

    actions = ["merge_selected_tags"]

    def get_queryset(self, request):
        types = ContentType.objects.get_for_models(Article, Term, Reference)
        items = "taggit_taggeditem_items"

        def count_of(model):
            return Count(items, filter=Q(**{f"{items}__content_type": types[model]}))

        return (
            super()
            .get_queryset(request)
            .annotate(
                articles_total=count_of(Article),
                terms_total=count_of(Term),
                references_total=count_of(Reference),
            )
        )

    @admin.display(description="articles", ordering="articles_total")
    def article_count(self, tag):
        return self.filtered_list_link("admin:articles_article_changelist", tag, tag.articles_total)

    @admin.display(description="glossary terms", ordering="terms_total")
    def term_count(self, tag):
        return self.filtered_list_link("admin:glossary_term_changelist", tag, tag.terms_total)

    @admin.display(description="references", ordering="references_total")
    def reference_count(self, tag):
        return self.filtered_list_link(
            "admin:articles_reference_changelist", tag, tag.references_total
        )

    def filtered_list_link(self, url_name, tag, count):
        if not count:
            return 0
        return format_html(
            '<a href="{}?tags__id__exact={}">{}</a>', reverse(url_name), tag.pk, count
        )

    @admin.display(description="where it is used")
    def usage(self, tag):
        if tag.pk is None:
            return "Not used yet."
        usage = tag_usage(tag)
        rows = [
            (
                reverse("admin:articles_article_change", args=[article.pk]),
                article.title,
                f"({article_state(article)})",
            )
            for article in usage["articles"]
        ]
        rows += [
            (
                reverse("admin:glossary_term_change", args=[term.pk]),
                term.name,
                "(glossary term)" if term.is_published else "(glossary term, unpublished)",
            )
            for term in usage["terms"]
        ]
        rows += [
            (
                reverse("admin:articles_reference_change", args=[reference.pk]),
                str(reference),
                "(reference)",
            )
            for reference in usage["references"]
        ]
        if not rows:
            return "Not used anywhere."
        return format_html(
            '<ul class="tag-usage">{}</ul><p class="help">{}</p>',
            format_html_join("", '<li><a href="{}">{}</a> {}</li>', rows),
            "The counts in the tag list link to everything that carries the tag.",
        )

    @admin.action(description="Merge selected tags into one")
    def merge_selected_tags(self, request, queryset):
        tags = queryset.order_by("name")
        if tags.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = MergeTagsForm(request.POST if "merge" in request.POST else None, tags=tags)
        if form.is_valid():
            target = form.cleaned_data["target"]
            others = [tag for tag in tags if tag.pk != target.pk]
            moved = merge_tags(target, others)
            self.message_user(
                request,
                f"Merged {', '.join(tag.name for tag in others)} into “{target.name}” "
                f"({moved} item{'s' if moved != 1 else ''} moved).",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge tags",
            "opts": self.model._meta,
            "tags": tags,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge_tags.html", context)


def article_state(article):
    if article.is_public:
        return "article"
    return f"article, {article.publication_state.label.lower()}"
