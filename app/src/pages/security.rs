//! Password recovery and unlocking, and the security pages of the personal account:
//! password change, sessions, the login journal and the networks allowed for sign-in.

use kabinet_shared::model::{NetworkRuleView, Place, SessionView, SignInAttemptView, SignInResult};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::forms::take_form_flash;
use crate::api::security::{
    AddNetworkRule, ChangePassword, CloseSession, CompleteRecovery, DisownSignIn,
    RemoveNetworkRule, ResendRecoveryCode, StartRecovery, VerifyRecovery, list_network_rules,
    list_sessions, list_sign_ins, recovery_ready,
};
use crate::api::session::{code_wait, is_demo};
use crate::components::countdown::ResendButton;
use crate::components::form::{
    ErrorSummary, FormState, Hidden, RadioGroup, SubmitButton, TextField, ValidatedForm, labels,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, date_time_attribute, t, t_with};

fn place_text(place: &Place) -> String {
    match place {
        Place::Local => t("place-local"),
        Place::Network(network) => t_with("place-network", &[("network", network)]),
        Place::Unknown => t("place-unknown"),
    }
}

fn device_text(device: &str) -> String {
    if device.is_empty() {
        t("device-unknown")
    } else {
        device.to_string()
    }
}

/// "Забыли пароль".
#[component]
pub fn RecoveryPage() -> impl IntoView {
    view! { <RecoveryStart purpose="reset" /> }
}

/// Unlocking sign-in after wrong passwords.
#[component]
pub fn UnlockPage() -> impl IntoView {
    view! { <RecoveryStart purpose="unlock" /> }
}

#[component]
fn RecoveryStart(purpose: &'static str) -> impl IntoView {
    let query = use_query_map();
    let not_me = move || query.read().get("notice").as_deref() == Some("not-me");
    let flash = Resource::new(|| (), |_| take_form_flash("recovery".into()));
    let action = ServerAction::<StartRecovery>::new();
    let title = if purpose == "unlock" {
        "unlock-title"
    } else {
        "recovery-title"
    };
    let lead = if purpose == "unlock" {
        "unlock-lead"
    } else {
        "recovery-lead"
    };

    view! {
        <PageTitle text=t(title) />
        <h1>{t(title)}</h1>
        {move || not_me().then(|| view! { <p class="notice notice--info" role="status">{t("recovery-not-me-notice")}</p> })}
        <p class="lead">{t(lead)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let validate = Callback::new(|input: StartRecovery| input.form.validate().err().unwrap_or_default());
                view! {
                    <ErrorSummary state labels=labels(&[("login", "field-login")]) />
                    <ValidatedForm action state validate class="form">
                        <Hidden name="purpose" value=purpose />
                        <TextField state name="login" label=t("field-login") hint=t("field-login-hint") autocomplete="username" />
                        <SubmitButton label=t("recovery-send-code") pending=action.pending() />
                    </ValidatedForm>
                    <p><a href="/sign-in">{t("recovery-back-to-sign-in")}</a></p>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RecoveryCodePage() -> impl IntoView {
    let query = use_query_map();
    let flow = move || query.read().get("flow").unwrap_or_default();
    let flash = Resource::new(|| (), |_| take_form_flash("recovery_code".into()));
    let demo = Resource::new(|| (), |_| is_demo());
    let wait = Resource::new(flow, |flow| code_wait("recovery".into(), flow));
    let verify = ServerAction::<VerifyRecovery>::new();
    let resend = ServerAction::<ResendRecoveryCode>::new();

    view! {
        <PageTitle text=t("recovery-code-title") />
        <h1>{t("recovery-code-title")}</h1>
        <p class="lead">{t("recovery-code-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let demo = demo.await.unwrap_or(false);
                let wait = wait.await.unwrap_or(0);
                let state = FormState::new(flash.values, flash.reply);
                view! {
                    {demo.then(|| view! {
                        <p class="notice notice--info">{t("confirm-demo-hint")} " " <a href="/dev/outbox">{t("outbox-title")}</a></p>
                    })}
                    <ErrorSummary state labels=labels(&[("code", "field-code")]) />
                    <ValidatedForm action=verify state class="form">
                        <Hidden name="flow" value=flow() />
                        <TextField state name="code" label=t("field-code") hint=t("field-code-hint") inputmode="numeric" autocomplete="one-time-code" width="short" />
                        <SubmitButton label=t("recovery-code-submit") pending=verify.pending() />
                    </ValidatedForm>
                    <ValidatedForm action=resend state class="form form--secondary">
                        <Hidden name="flow" value=flow() />
                        <ResendButton seconds=wait />
                    </ValidatedForm>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RecoveryPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let flow = move || query.read().get("flow").unwrap_or_default();
    let data = Resource::new(flow, |flow| async move {
        Ok::<_, crate::api::AppError>((
            recovery_ready(flow).await?,
            take_form_flash("recovery_password".into()).await?,
        ))
    });
    let action = ServerAction::<CompleteRecovery>::new();

    view! {
        <PageTitle text=t("recovery-password-title") />
        <h1>{t("recovery-password-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (ready, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                if !ready {
                    return view! {
                        <p class="notice notice--problem" role="alert">{t("error-recovery-expired")}</p>
                        <p><a class="button" href="/recovery">{t("recovery-start-again")}</a></p>
                    }
                    .into_any();
                }
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let validate = Callback::new(|input: CompleteRecovery| input.form.validate().err().unwrap_or_default());
                view! {
                    <p class="lead">{t("recovery-password-lead")}</p>
                    <ErrorSummary state labels=labels(&[("password", "field-new-password"), ("password_repeat", "field-password-repeat")]) />
                    <ValidatedForm action state validate class="form">
                        <Hidden name="flow" value=flow() />
                        <TextField state name="password" label=t("field-new-password") hint=t("field-password-hint") input_type="password" autocomplete="new-password" width="medium" />
                        <TextField state name="password_repeat" label=t("field-password-repeat") input_type="password" autocomplete="new-password" width="medium" />
                        <SubmitButton label=t("recovery-password-submit") pending=action.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// "Безопасность": the password change and links to sessions, the login journal and
/// networks.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::api::AppError>((
                list_sessions().await?,
                crate::api::factors::get_factors().await?,
                take_form_flash("change_password".into()).await?,
            ))
        },
    );
    let action = ServerAction::<ChangePassword>::new();

    view! {
        <PageTitle text=t("security-title") />
        <h1>{t("security-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (sessions, factors, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let sessions_text = t_with("security-sessions-count", &[("count", &sessions.len().to_string())]);
                let factors_text = if factors.factors.is_empty() { t("security-factors-off") } else { t("security-factors-on") };
                let state = FormState::new(flash.values, flash.reply);
                let validate = Callback::new(|input: ChangePassword| input.form.validate().err().unwrap_or_default());
                view! {
                    <ul class="link-list">
                        <li><a href="/security/factors">{t("factors-title")}</a> " — " {factors_text}</li>
                        <li><a href="/security/sessions">{t("sessions-title")}</a> " — " {sessions_text}</li>
                        <li><a href="/security/sign-ins">{t("sign-ins-title")}</a></li>
                        <li><a href="/security/networks">{t("networks-title")}</a></li>
                    </ul>
                    <crate::pages::SsoLinkSection />
                    <h2>{t("password-change-title")}</h2>
                    <p>{t("password-change-lead")}</p>
                    <ErrorSummary
                        state
                        labels=labels(&[
                            ("current_password", "field-current-password"),
                            ("password", "field-new-password"),
                            ("password_repeat", "field-password-repeat"),
                        ])
                    />
                    <ValidatedForm action state validate class="form">
                        <TextField state name="current_password" label=t("field-current-password") input_type="password" autocomplete="current-password" width="medium" />
                        <TextField state name="password" label=t("field-new-password") hint=t("field-password-hint") input_type="password" autocomplete="new-password" width="medium" />
                        <TextField state name="password_repeat" label=t("field-password-repeat") input_type="password" autocomplete="new-password" width="medium" />
                        <SubmitButton label=t("password-change-submit") pending=action.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let sessions = Resource::new(|| (), |_| list_sessions());
    view! {
        <PageTitle text=t("sessions-title") />
        <h1>{t("sessions-title")}</h1>
        <p class="lead">{t("sessions-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok(list) => view! { <SessionTable list /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/security">{t("security-back")}</a></p>
    }
}

#[component]
fn SessionTable(list: Vec<SessionView>) -> impl IntoView {
    let others = list.iter().filter(|session| !session.current).count();
    let rows = list
        .into_iter()
        .map(|session| {
            let device = device_text(&session.device);
            let action = if session.current {
                view! { <strong>{t("sessions-current")}</strong> }.into_any()
            } else {
                let label = t_with("sessions-close-one", &[("device", &device)]);
                view! {
                    <form method="post" action=CloseSession::url() class="inline-form">
                        <input type="hidden" name="id" value=session.id.to_string() />
                        <button class="link-button" type="submit" aria-label=label>{t("sessions-close")}</button>
                    </form>
                }
                .into_any()
            };
            view! {
                <tr>
                    <td>{device}</td>
                    <td>{place_text(&session.place)}</td>
                    <td><time datetime=date_time_attribute(&session.started_at)>{date_time(&session.started_at)}</time></td>
                    <td><time datetime=date_time_attribute(&session.last_seen_at)>{date_time(&session.last_seen_at)}</time></td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-label=t("sessions-title") tabindex="0">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t("sign-ins-column-device")}</th>
                        <th scope="col">{t("sessions-column-place")}</th>
                        <th scope="col">{t("sessions-column-started")}</th>
                        <th scope="col">{t("sessions-column-last-seen")}</th>
                        <th scope="col">{t("sessions-column-action")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(others > 0).then(|| view! {
            <form method="post" action=CloseSession::url() class="form--inline-actions">
                <button class="button button--secondary" type="submit">{t("sessions-close-others")}</button>
            </form>
        })}
    }
}

#[component]
pub fn SignInsPage() -> impl IntoView {
    let query = use_query_map();
    let result = move || {
        query
            .read()
            .get("result")
            .filter(|code| SignInResult::parse(code).is_some())
            .unwrap_or_default()
    };
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|page| page.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let attempts = Resource::new(
        move || (result(), page()),
        |(result, page)| list_sign_ins(result, page),
    );
    let options = move || {
        let selected = result();
        SignInResult::ALL
            .into_iter()
            .map(|option| {
                let code = option.code();
                view! { <option value=code selected=code == selected>{t(&option.message_key())}</option> }
            })
            .collect_view()
    };
    let csv_link = move || {
        let result = result();
        if result.is_empty() {
            "/security/sign-ins.csv".to_string()
        } else {
            format!("/security/sign-ins.csv?result={result}")
        }
    };

    view! {
        <PageTitle text=t("sign-ins-title") />
        <h1>{t("sign-ins-title")}</h1>
        <p class="lead">{t("sign-ins-lead")}</p>
        <form method="get" action="/security/sign-ins" class="filter">
            <label class="field__label" for="result">{t("sign-ins-filter")}</label>
            <select class="input input--medium" id="result" name="result">
                <option value="">{t("sign-ins-filter-all")}</option>
                {options}
            </select>
            <button class="button button--secondary" type="submit">{t("sign-ins-filter-apply")}</button>
        </form>
        <p><a href=csv_link download="">{t("sign-ins-export")}</a></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (result, page) = (result(), page());
                match attempts.await {
                    Ok(list) if list.is_empty() && page == 0 => view! { <p>{t("sign-ins-empty")}</p> }.into_any(),
                    Ok(list) => view! { <SignInTable list result page /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/security">{t("security-back")}</a></p>
    }
}

#[component]
fn SignInTable(list: Vec<SignInAttemptView>, result: String, page: u32) -> impl IntoView {
    let full_page = list.len() >= 50;
    let rows = list
        .into_iter()
        .map(|attempt| {
            let device = device_text(&attempt.device);
            let action = if attempt.disowned {
                Some(view! { <span>{t("sign-ins-disowned")}</span> }.into_any())
            } else if attempt.result == SignInResult::Succeeded {
                let label = t_with("sign-ins-not-me-label", &[("at", &date_time(&attempt.at))]);
                Some(view! {
                    <form method="post" action=DisownSignIn::url() class="inline-form">
                        <input type="hidden" name="id" value=attempt.id.to_string() />
                        <button class="link-button" type="submit" aria-label=label>{t("sign-ins-not-me")}</button>
                    </form>
                }
                .into_any())
            } else {
                None
            };
            view! {
                <tr>
                    <td><time datetime=date_time_attribute(&attempt.at)>{date_time(&attempt.at)}</time></td>
                    <td>{t(&attempt.result.message_key())}</td>
                    <td>{device}</td>
                    <td>{place_text(&attempt.place)}{attempt.address.map(|address| view! { <br /><span class="muted">{address}</span> })}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    let link = move |page: u32| {
        if result.is_empty() {
            format!("/security/sign-ins?page={page}")
        } else {
            format!("/security/sign-ins?result={result}&page={page}")
        }
    };
    view! {
        <div class="table-wrap" role="region" aria-label=t("sign-ins-title") tabindex="0">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t("sign-ins-column-time")}</th>
                        <th scope="col">{t("sign-ins-column-result")}</th>
                        <th scope="col">{t("sign-ins-column-device")}</th>
                        <th scope="col">{t("sign-ins-column-address")}</th>
                        <th scope="col">{t("sessions-column-action")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="field__hint">{t("sign-ins-not-me-hint")}</p>
        <nav class="pagination" aria-label=t("pagination-label")>
            {(page > 0).then(|| view! { <a href=link(page - 1)>{t("pagination-newer")}</a> })}
            {full_page.then(|| view! { <a href=link(page + 1)>{t("pagination-older")}</a> })}
        </nav>
    }
}

#[component]
pub fn NetworksPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::api::AppError>((
                list_network_rules().await?,
                take_form_flash("network_rule".into()).await?,
            ))
        },
    );
    let action = ServerAction::<AddNetworkRule>::new();

    view! {
        <PageTitle text=t("networks-title") />
        <h1>{t("networks-title")}</h1>
        <p class="lead">{t("networks-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (rules, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let validate = Callback::new(|input: AddNetworkRule| input.form.validate().err().unwrap_or_default());
                view! {
                    <NetworkList rules />
                    <h2>{t("networks-add-title")}</h2>
                    <ErrorSummary state labels=labels(&[("kind", "field-network-kind"), ("cidr", "field-network")]) />
                    <ValidatedForm action state validate class="form">
                        <RadioGroup
                            state
                            name="kind".to_string()
                            legend=t("field-network-kind")
                            options=vec![
                                ("allow".to_string(), t("networks-allow")),
                                ("deny".to_string(), t("networks-deny")),
                            ]
                        />
                        <TextField state name="cidr" label=t("field-network") hint=t("field-network-hint") width="medium" />
                        <SubmitButton label=t("networks-add-submit") pending=action.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
        <p><a href="/security">{t("security-back")}</a></p>
    }
}

#[component]
fn NetworkList(rules: Vec<NetworkRuleView>) -> impl IntoView {
    if rules.is_empty() {
        return view! { <p>{t("networks-empty")}</p> }.into_any();
    }
    let items = rules
        .into_iter()
        .map(|rule| {
            let kind = if rule.allow { t("networks-allow") } else { t("networks-deny") };
            let label = t_with("networks-remove-label", &[("network", &rule.cidr)]);
            view! {
                <li>
                    {kind} ": " <code>{rule.cidr.clone()}</code> " "
                    <form method="post" action=RemoveNetworkRule::url() class="inline-form">
                        <input type="hidden" name="id" value=rule.id.to_string() />
                        <button class="link-button" type="submit" aria-label=label>{t("networks-remove")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="rule-list">{items}</ul> }.into_any()
}
