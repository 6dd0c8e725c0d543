//! `update`: what each message and each action does to the app, and the effects it asks for.

use super::*;

impl App {
    /// Handle one message: a terminal event or the result of an effect. Returns the effects
    /// it asks for, in the order they are to be carried out.
    pub fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Resize(w, h) => {
                self.ui.size = Rect::new(0, 0, w, h);
                self.keep_selection_visible();
                Vec::new()
            }
            Msg::Paste(s) => {
                if let Some(e) = self.editor_mut() {
                    e.paste(&s);
                } else if self.ui.filtering {
                    self.ui.filter.insert(&s);
                    self.after_filter_change();
                }
                Vec::new()
            }
            Msg::Key(k) if self.is_esc_then_key(&k) => {
                // Esc and a key typed quickly arrive as Alt-key (tmux's escape-time): do both.
                let esc = KeyEvent::new(crossterm::event::KeyCode::Esc, KeyModifiers::NONE);
                let mut effects = self.handle(Msg::Key(esc));
                let plain = KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT);
                if !self.quit {
                    effects.extend(self.handle(Msg::Key(plain)));
                }
                effects
            }
            Msg::Key(k) => {
                let mode = self.mode();
                let k = self.keymap.backspace_alias(mode, k);
                match self.keymap.action(mode, &k) {
                    Some(a) => self.update(a),
                    None => {
                        self.edit_key(mode, &k);
                        Vec::new()
                    }
                }
            }
            result => self.take_result(result),
        }
    }

    /// An Alt-key nobody bound in this mode: what a terminal sends for Esc quickly followed
    /// by the key.
    pub(super) fn is_esc_then_key(&self, k: &KeyEvent) -> bool {
        k.modifiers.contains(KeyModifiers::ALT) && self.keymap.action(self.mode(), k).is_none()
    }

    pub(super) fn edit_key(&mut self, mode: Mode, k: &KeyEvent) {
        let width = layout::shrink(layout::editor(self.ui.size).1).width as usize;
        match mode {
            Mode::Editor => {
                if let Some(e) = self.editor_mut() {
                    e.key(k, width.max(2) + 2);
                }
            }
            Mode::Filter => {
                editor::edit_key(&mut self.ui.filter, k, usize::MAX);
                self.after_filter_change();
            }
            Mode::Prompt if k.code == crossterm::event::KeyCode::Tab => {
                if matches!(
                    self.ui.overlays.last(),
                    Some(Overlay::Prompt {
                        kind: PromptKind::AttachFile(_),
                        ..
                    })
                ) {
                    self.complete_attach();
                }
            }
            Mode::Prompt => {
                if let Some(Overlay::Prompt { buf, .. }) = self.ui.overlays.last_mut() {
                    editor::edit_key(buf, k, usize::MAX);
                }
            }
            Mode::Picker => {
                if let Some(Overlay::Units { query, choice, .. }) = self.ui.overlays.last_mut() {
                    editor::edit_key(query, k, usize::MAX);
                    *choice = 0;
                }
            }
            _ => {}
        }
    }

    /// Apply one action; returns the effects it asks for, in order.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if !matches!(
            self.mode(),
            Mode::Editor | Mode::Filter | Mode::Prompt | Mode::Picker
        ) {
            self.ui.message = None;
        }
        let effect = match self.mode() {
            Mode::Help => {
                self.update_help(action);
                None
            }
            Mode::Confirm => self.update_confirm(action),
            Mode::Editor => self.update_editor(action),
            Mode::Filter => {
                self.update_filter(action);
                None
            }
            Mode::Choose => self.update_choose(action),
            Mode::Prompt => return self.update_prompt(action),
            Mode::Decisions => self.update_decisions(action),
            Mode::Picker => self.update_picker(action),
            Mode::Filters => self.update_filter_menu(action),
            Mode::Review => return self.update_review(action),
            Mode::Board | Mode::Detail | Mode::Global => self.update_screen(action),
        };
        effect.into_iter().collect()
    }

    pub(super) fn update_help(&mut self, action: Action) {
        if matches!(self.ui.overlays.last(), Some(Overlay::Stats)) {
            if matches!(action, Action::Back | Action::Help | Action::Quit) {
                self.ui.overlays.pop();
            }
            return;
        }
        if let Some(Overlay::Help { scroll }) = self.ui.overlays.last_mut() {
            match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Back | Action::Help | Action::Quit => {
                    self.ui.overlays.pop();
                }
                _ => {}
            }
        }
    }

    pub(super) fn update_confirm(&mut self, action: Action) -> Option<Effect> {
        if matches!(self.ui.overlays.last(), Some(Overlay::ConfirmValue { .. })) {
            return match action {
                Action::Yes => self.answer_value(true),
                Action::No | Action::Cancel | Action::Back => self.answer_value(false),
                _ => None,
            };
        }
        let removal = match self.ui.overlays.last() {
            Some(Overlay::ConfirmRemoveTarget { task, id }) => Some(Change::RemoveTarget {
                task: *task,
                id: id.clone(),
            }),
            Some(Overlay::ConfirmRemoveNote { task, id }) => Some(Change::RemoveNote {
                task: *task,
                id: id.clone(),
            }),
            _ => None,
        };
        if let Some(change) = removal {
            self.ui.overlays.pop();
            return (action == Action::Yes).then_some(Effect::Apply {
                change,
                origin: Origin::New,
            });
        }
        if matches!(self.ui.overlays.last(), Some(Overlay::ConfirmFinish)) {
            self.ui.overlays.pop();
            return (action == Action::Yes).then_some(Effect::Review(ReviewChange::Finish));
        }
        match action {
            Action::Yes => {
                self.ui.overlays.pop();
                self.ui.overlays.pop();
                self.say(strings::draft_discarded(self.lang()));
            }
            Action::No | Action::Cancel | Action::Back => {
                self.ui.overlays.pop();
            }
            _ => {}
        }
        None
    }

    pub(super) fn update_editor(&mut self, action: Action) -> Option<Effect> {
        let lang = self.lang();
        let year = self.now.date_naive().year();
        let e = self.editor_mut()?;
        match action {
            Action::Save => match e.save(year) {
                Ok(saved) => {
                    if let Some(Overlay::Editor(e)) = self.ui.overlays.pop() {
                        self.ui.submitted = Some(e);
                    }
                    return Some(match saved {
                        Saved::Board(change) => Effect::Apply {
                            change,
                            origin: Origin::New,
                        },
                        Saved::Review(change) => Effect::Review(change),
                    });
                }
                Err(ModelError::EmptyNote) => {
                    self.warn(strings::note_empty(lang));
                }
                Err(other) => self.warn(other.to_string()),
            },
            Action::Cancel => {
                if e.is_dirty() {
                    self.ui.overlays.push(Overlay::ConfirmDiscard);
                } else {
                    self.ui.overlays.pop();
                }
            }
            Action::NextField => e.next_field(),
            Action::Attach => self.ask_attach(),
            _ => {}
        }
        None
    }

    pub(super) fn update_filter(&mut self, action: Action) {
        match action {
            Action::Yes => self.ui.filtering = false,
            Action::Cancel => {
                self.ui.filtering = false;
                self.ui.filter = TextBuf::new("", false);
                self.after_filter_change();
            }
            _ => {}
        }
    }

    pub(super) fn update_screen(&mut self, action: Action) -> Option<Effect> {
        let on_board = self.ui.screen == Screen::Board;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.ui.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Sync => {
                self.say(strings::syncing(self.lang()));
                return Some(Effect::Sync);
            }
            Action::Undo => return self.history_step(Origin::Undo),
            Action::Redo => return self.history_step(Origin::Redo),
            Action::Filter => {
                self.ui.filtering = true;
                self.ui.screen = Screen::Board;
            }
            Action::StatusPrev | Action::StatusNext => return self.step_status(action),
            a if a.status_column().is_some() => {
                return self.set_status_column(a.status_column().unwrap_or(0));
            }
            Action::AddNote => self.open_new_note(),
            Action::Attach => self.ask_attach(),
            Action::Edit => self.open_edit(),
            Action::Review => return Some(Effect::OpenReview),
            Action::Stats => self.ui.overlays.push(Overlay::Stats),
            // A decision's date moves only as an extension.
            Action::Deadline if self.on_decision() => return self.decision_key(Action::Extend),
            Action::Deadline => self.ask_deadline(),
            Action::Lead => self.pick_units(UnitRole::Lead),
            Action::Partners => self.pick_units(UnitRole::Partner),
            Action::AddTarget => self.ask_new_target(),
            Action::RemoveTarget => return self.remove_target(),
            Action::QuickFilter => self.open_filter_menu(),
            Action::ClearFilters => self.clear_filters(),
            Action::SwitchBoard => return Some(Effect::ListBoards),
            Action::Urge => self.ask_urge(),
            Action::SetSource => self.ask_source(),
            Action::DecisionDone | Action::DecisionDrop | Action::Extend if !on_board => {
                return self.decision_key(action);
            }
            _ if on_board => return self.update_board(action),
            _ => self.update_detail(action),
        }
        None
    }

    pub(super) fn update_board(&mut self, action: Action) -> Option<Effect> {
        let visible = layout::cards_visible(self.ui.size);
        match action {
            Action::Up => self.move_in_column(-1),
            Action::Down => self.move_in_column(1),
            Action::PageUp => self.move_in_column(-(visible as isize)),
            Action::PageDown => self.move_in_column(visible as isize),
            Action::Top => self.move_in_column(isize::MIN / 2),
            Action::Bottom => self.move_in_column(isize::MAX / 2),
            Action::Left => self.move_column(-1),
            Action::Right => self.move_column(1),
            // Still loading: the task is read alone (`Msg::TaskLoaded` opens it).
            Action::Open if self.selected_task().is_none() && !self.is_loaded() => {
                return self.ui.selected.map(Effect::LoadTask);
            }
            Action::Open => self.open_detail(),
            Action::Back if !self.ui.filter.text().is_empty() => {
                self.ui.filter = TextBuf::new("", false);
                self.after_filter_change();
            }
            _ => {}
        }
        None
    }

    pub(super) fn update_detail(&mut self, action: Action) {
        match action {
            Action::Back => self.ui.screen = Screen::Board,
            Action::SwitchPane => {
                self.ui.pane = match self.ui.pane {
                    Pane::Tree => Pane::Info,
                    Pane::Info => Pane::Tree,
                }
            }
            _ if self.ui.pane == Pane::Info => {
                let page = layout::info_visible(self.ui.size);
                let s = &mut self.ui.info_scroll;
                match action {
                    Action::Down => *s += 1,
                    Action::Up => *s = s.saturating_sub(1),
                    Action::PageDown => *s += page,
                    Action::PageUp => *s = s.saturating_sub(page),
                    Action::Top => *s = 0,
                    _ => {}
                }
            }
            Action::Up => self.tree_move(-1),
            Action::Down => self.tree_move(1),
            Action::PageUp => self.tree_move(-10),
            Action::PageDown => self.tree_move(10),
            Action::Top => self.tree_move(isize::MIN / 2),
            Action::Bottom => self.tree_move(isize::MAX / 2),
            Action::Left => {
                self.ui.tree.get_mut().key_left();
            }
            Action::Right => {
                self.ui.tree.get_mut().key_right();
            }
            Action::Toggle => {
                self.ui.tree.get_mut().toggle_selected();
            }
            _ => {}
        }
    }
}
