//! Carrying out the app's effects through the store: apply a change to a task, open, start or
//! change a review meeting — each a read–modify–write of the latest files under the board's
//! lock — and report the result back to the app. No terminal here, so tests can drive the
//! app against a real board directory exactly as the event loop does.

use crate::app::{App, Effect};
use crate::model::Stamp;
use crate::model::review::{Review, ReviewChange, previous_review};
use crate::store::{Scope, Store};
use chrono::NaiveDate;

/// Carry out a change the app asked for on its own copy of the board, with no store: what
/// tests and the fuzzer use to drive the app as the event loop does. Other effects (reviews,
/// suspend, sync) need a store or a terminal and are dropped.
pub fn apply_in_memory(app: &mut App, effect: Option<Effect>, author: &str) {
    let Some(Effect::Apply { change, origin }) = effect else {
        return;
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
            let saved = crate::model::Board {
                meta: board.meta.clone(),
                tasks: task,
            };
            (inv, saved)
        })
        .map_err(|e| e.to_string());
    app.applied(change, origin, result);
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

    /// Carry out one effect and every effect that follows from it. `Suspend` concerns the
    /// terminal and is left to the caller.
    pub fn carry_out(&self, app: &mut App, effect: Effect) {
        let mut next = Some(effect);
        while let Some(effect) = next {
            self.one(app, effect);
            next = app.next_effect();
        }
    }

    fn one(&self, app: &mut App, effect: Effect) {
        let store = self.store;
        let stamp = Stamp {
            author: self.author.to_string(),
            at: app.now,
        };
        match effect {
            Effect::Apply { change, origin } => {
                let result = store
                    .update(Scope::Task(change.task()), |b| change.apply(b, &stamp))
                    .map_err(|e| e.to_string());
                app.applied(change, origin, result);
            }
            Effect::Suspend | Effect::Sync => {}
            Effect::OpenReview => {
                let date = self.date(app);
                match store
                    .load_review(date)
                    .and_then(|r| Ok((r, store.load_reviews()?)))
                {
                    Ok((Some(review), _)) => {
                        app.set_follows(store.load_follows().unwrap_or_default());
                        // A meeting not begun yet still opens with the last one's decisions.
                        let fresh = review.finished.is_none() && review.reviewed_count() == 0;
                        app.review_saved(None, Ok(review));
                        if fresh {
                            app.open_last_decisions(date);
                        }
                    }
                    Ok((None, reviews)) => {
                        let since = previous_review(&reviews, date).and_then(|p| p.finished);
                        app.choose_review_scope(date, since);
                    }
                    Err(e) => app.review_saved(None, Err(e.to_string())),
                }
            }
            Effect::StartReview { scope } => {
                let date = self.date(app);
                let result = store.load_reviews().and_then(|reviews| {
                    let previous = previous_review(&reviews, date);
                    let new = || {
                        Some(Review::new(
                            date,
                            scope,
                            previous,
                            &app.board.meta,
                            &app.summaries,
                            stamp.at,
                            &stamp.author,
                        ))
                    };
                    store.update_review(date, true, new, |_| Ok(()))
                });
                let ok = result.is_ok();
                app.review_saved(None, result.map(|(_, r)| r).map_err(|e| e.to_string()));
                if ok {
                    // A new meeting opens with the last one's decisions.
                    app.set_follows(store.load_follows().unwrap_or_default());
                    app.open_last_decisions(date);
                }
            }
            Effect::Follow(change) => {
                let result = store
                    .update_follow(change.task(), |f| change.apply(f, &stamp))
                    .map(|(_, f)| f)
                    .map_err(|e| e.to_string());
                app.follow_saved(change, result);
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
                    .map(|(_, r)| r)
                    .map_err(|e| e.to_string());
                app.review_saved(Some(change), result);
            }
        }
    }
}

#[cfg(test)]
mod tests;
