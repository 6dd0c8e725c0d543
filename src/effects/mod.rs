//! Carrying out the app's effects through the store: apply a change to a task, open, start or
//! change a review meeting, change a task's follow-up (decisions) — each a read–modify–write of the latest files under the board's
//! lock — and say what came of it as a message for the app (`Msg::Saved`, `Msg::ReviewSaved`,
//! …). The runner reads the app but never changes it: the caller hands the message to
//! `App::handle`, which may ask for more effects. No terminal here, so tests can drive the app
//! against a real board directory exactly as the event loop does.

use crate::app::{App, Effect, Msg};
use crate::model::review::{Review, ReviewChange, previous_review};
use crate::model::{Board, Stamp};
use crate::store::{Scope, Store, StoreError};
use chrono::NaiveDate;
use std::collections::VecDeque;

/// Carry out a change the app asked for on a copy of its board, with no store: the message
/// the store would have sent back. What tests and the fuzzer use to drive the app as the event
/// loop does. Other effects (reviews, suspend, sync) need a store or a terminal: `None`.
pub fn apply_in_memory(app: &App, effect: Effect, author: &str) -> Option<Msg> {
    let Effect::Apply { change, origin } = effect else {
        return None;
    };
    let mut board = app.board.clone();
    let stamp = Stamp {
        author: author.to_string(),
        at: app.now,
    };
    let result = change
        .apply(&mut board, &stamp)
        .map(|inv| {
            let task = board.task(change.task()).cloned().into_iter().collect();
            let saved = Board {
                meta: board.meta.clone(),
                tasks: task,
            };
            (inv, saved)
        })
        .map_err(StoreError::from);
    Some(Msg::Saved {
        change,
        origin,
        result,
    })
}

/// Carry out `effects` with `run` and hand each result to the app, until no effect is left
/// (the effects a result asks for are carried out after the ones already waiting). Effects
/// `run` cannot carry out (it returns `None`) are dropped. For tests and the fuzzer; the event
/// loop does the same with the terminal's own effects besides.
pub fn settle(
    app: &mut App,
    effects: Vec<Effect>,
    mut run: impl FnMut(&App, Effect) -> Option<Msg>,
) {
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        if let Some(msg) = run(app, effect) {
            queue.extend(app.handle(msg));
        }
    }
}

/// What carrying out effects needs besides the app.
pub struct Runner<'a> {
    pub store: &'a Store,
    pub author: &'a str,
    /// The review meeting's date when it is not today (`keywork review --date`).
    pub review_date: Option<NaiveDate>,
}

impl Runner<'_> {
    /// The date of the review meeting the effects concern: the open one's, else the one asked
    /// for, else today.
    pub fn date(&self, app: &App) -> NaiveDate {
        app.review
            .as_ref()
            .map(|r| r.date)
            .or(self.review_date)
            .unwrap_or_else(|| app.now.date_naive())
    }

    /// Carry out one effect through the store; what came of it, for the app. `Suspend` and
    /// `Sync` concern the terminal and the network and are left to the caller (`None`).
    pub fn run(&self, app: &App, effect: Effect) -> Option<Msg> {
        let store = self.store;
        let stamp = Stamp {
            author: self.author.to_string(),
            at: app.now,
        };
        Some(match effect {
            Effect::Apply { change, origin } => {
                let result = store.update(Scope::Task(change.task()), |b| change.apply(b, &stamp));
                Msg::Saved {
                    change,
                    origin,
                    result,
                }
            }
            Effect::Suspend | Effect::Sync | Effect::ListBoards | Effect::SwitchBoard(_) => {
                return None;
            }
            Effect::OpenReview => {
                let date = self.date(app);
                match store
                    .load_review(date)
                    .and_then(|r| Ok((r, store.load_reviews()?)))
                {
                    Ok((Some(review), _)) => Msg::ReviewOpened {
                        follows: store.load_follows(),
                        result: Ok(review),
                    },
                    Ok((None, reviews)) => Msg::ReviewMissing {
                        date,
                        since: previous_review(&reviews, date).and_then(|p| p.finished),
                    },
                    Err(e) => Msg::ReviewSaved {
                        change: None,
                        result: Err(e),
                    },
                }
            }
            Effect::StartReview { scope } => {
                let date = self.date(app);
                let result = store.load_reviews().and_then(|reviews| {
                    let previous = previous_review(&reviews, date);
                    let new = || {
                        let mut review = Review::new(
                            date,
                            scope,
                            previous,
                            &app.board.meta,
                            &app.summaries,
                            stamp.at,
                            &stamp.author,
                        );
                        // The board's quick filter narrows the meeting too ("my tasks").
                        app.narrow_review(&mut review);
                        Some(review)
                    };
                    store.update_review(date, true, new, |_| Ok(()))
                });
                // A new meeting opens with the last one's decisions.
                Msg::ReviewOpened {
                    follows: match result {
                        Ok(_) => store.load_follows(),
                        Err(_) => Ok(Vec::new()),
                    },
                    result: result.map(|(_, r)| r),
                }
            }
            Effect::Attach {
                task,
                id,
                path,
                limits,
            } => {
                use crate::app::attach::AttachFailure;
                let result = store
                    .store_file(&path, limits)
                    .map_err(AttachFailure::File)
                    .and_then(|file| {
                        store
                            .update(Scope::Task(task), |b| {
                                b.attach_files(&id, std::slice::from_ref(&file), &stamp)
                            })
                            .map(|(_, saved)| (file, saved))
                            .map_err(AttachFailure::Other)
                    });
                Msg::Attached(result)
            }
            Effect::Urge(order) => {
                let settings = &app.urge_settings;
                let result = crate::cli::follow::urge::record(store, settings, &stamp, &order)
                    .map_err(|e| e.render(settings.lang));
                Msg::Urged {
                    result,
                    follows: store.load_follows().ok(),
                }
            }
            Effect::SetSource { on, source } => {
                let kind = source.kind.clone();
                let result = crate::cli::follow::set_source(store, &on, source)
                    .map_err(|e| e.render(app.display.lang));
                Msg::SourceSet {
                    on,
                    kind,
                    result,
                    follows: store.load_follows().ok(),
                }
            }
            Effect::LoadTask(number) => Msg::TaskLoaded(store.load_task(number).map(Box::new)),
            Effect::Follow(change) => {
                let result = store
                    .update_follow(change.task(), |f| change.apply(f, &stamp))
                    .map(|(_, f)| f);
                Msg::FollowSaved { change, result }
            }
            Effect::Review(change) => {
                let durable = !matches!(change, ReviewChange::Position(_));
                let result = store
                    .update_review(
                        self.date(app),
                        durable,
                        || None,
                        |r| change.apply(r, &stamp),
                    )
                    .map(|(_, r)| r);
                Msg::ReviewSaved {
                    change: Some(change),
                    result,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests;
