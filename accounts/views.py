"""Sign up, log in (throttled), log out, password change, the account page (student id and
personal API tokens)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.decorators import AuthenticatedHttpRequest
from accounts.forms import ApiTokenForm, ProfileForm, SignupForm
from accounts.selectors import api_tokens_for_user
from accounts.services import profile_get, profile_set_student_id
from accounts.throttling import login_failure_record, login_failures_clear, login_is_locked


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, f"Welcome to mlquiz, {user.username}! Start with the first lesson."
        )
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


class ThrottledLoginView(auth_views.LoginView):
    """Django's login view, refusing attempts while a username or address is locked."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        if login_is_locked(request=request, username=username):
            form = self.get_form()
            form.add_error(
                None,
                "Too many failed log-in attempts. Wait 15 minutes and try again, "
                "or reset your password with your instructor.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        login_failure_record(request=self.request, username=self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        login_failures_clear(request=self.request, username=form.get_user().get_username())
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")


# --- The account page: student id and personal API tokens ---------------------------------


def _account_page(
    request: AuthenticatedHttpRequest,
    *,
    profile_form: ProfileForm | None = None,
    token_form: ApiTokenForm | None = None,
    new_token: str = "",
    status: int = 200,
) -> HttpResponse:
    profile = profile_get(user=request.user)
    context = {
        "profile_form": profile_form or ProfileForm(initial={"student_id": profile.student_id}),
        "token_form": token_form or ApiTokenForm(),
        "tokens": api_tokens_for_user(user=request.user),
        "new_token": new_token,
    }
    return render(request, "accounts/account.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET shows the page; POST saves the student id (the one profile field)."""
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if not form.is_valid():
            return _account_page(request, profile_form=form, status=400)
        profile_set_student_id(user=request.user, student_id=form.cleaned_data["student_id"])
        messages.success(request, "Student id saved.")
        return redirect("accounts:account")
    return _account_page(request)


@login_required
@require_http_methods(["POST"])
def api_token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Creates a token and shows its value in this response only: it is never stored, so there
    is no redirect (a redirect would need the raw value in the session or the URL)."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form, status=400)
    _, raw = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
    response = _account_page(request, new_token=raw)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def api_token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    if services.api_token_revoke(user=request.user, token_id=token_id):
        messages.success(request, "Token revoked: requests using it now get 401.")
    else:
        messages.error(request, "No such active token.")
    return redirect("accounts:account")
