//! [`Workbench::run`]: every action goes through here, in the order it was pushed.

use super::dialogs::{DialogAnswer, FileDialogs};
use super::{Action, Command, Level, Pending, Prompt, PromptAnswer, Workbench};

impl Workbench {
    /// Carry out one action. File dialogs are asked through `dialogs`; when none can be shown,
    /// the request waits as a [`Prompt::ChooseFile`] for the window's own chooser.
    pub fn run(&mut self, action: Action, dialogs: &mut dyn FileDialogs) {
        match action {
            Action::Run(cmd) => self.run_command(cmd, dialogs),
            Action::Edit { edit, burst } => {
                self.apply_in_burst(*edit, burst.as_deref());
            }
            Action::EndBurst => self.doc.end_burst(),
            Action::Refuse(why) => self.warn(why),
            Action::SelectAnnotation(id) => {
                // A relation waiting for its target takes the annotation clicked.
                match self.view.relation_from.take() {
                    Some(from) if from != id => {
                        let kind = self.view.relation_kind.clone();
                        self.add_relation(&kind, &from, &id);
                    }
                    _ => self.select_annotation(&id),
                }
            }
            Action::PickAnnotation(Some(id))
                if self.view.relation_from.as_ref().is_some_and(|f| *f != id) =>
            {
                // A click in the text on the target of a relation started with R.
                let from = self.view.relation_from.take().unwrap_or_default();
                let kind = self.view.relation_kind.clone();
                self.add_relation(&kind, &from, &id);
            }
            Action::PickAnnotation(id) => {
                if id.is_some() {
                    self.view.selected_entity = None;
                }
                self.view.selected_annotation = id;
            }
            Action::SelectEntity(id) => {
                self.view.selected_entity = Some(id);
                self.view.selected_annotation = None;
            }
            Action::ShowSpan { article, span } => self.view.show_span(&article, span),
            Action::OpenIncident(id) => self.open_incident(&id),
            Action::TagSelection(tag) => self.tag_selection(&tag),
            Action::TagKey(key) => self.tag_key(key),
            Action::Retag { annotation, tag } => self.retag(&annotation, &tag),
            Action::TagAll { whole_project } => self.tag_all(whole_project),
            Action::Link { annotation, pick } => self.link(&annotation, pick),
            Action::SetClaimSource { annotation, pick } => self.set_claim_source(&annotation, pick),
            Action::SetIncidentLocation { incident, pick } => {
                self.set_incident_location(&incident, pick)
            }
            Action::AddIncidentActor { incident, pick } => self.add_incident_actor(&incident, pick),
            Action::MergeEntity { from, into } => self.merge_entity(&from, &into),
            Action::DeleteEntity(id) => self.delete_entity(&id),
            Action::FillFromGazetteer { entity, geoname_id } => {
                self.fill_from_gazetteer(&entity, geoname_id);
            }
            Action::DeleteArticle(id) => self.delete_article(&id),
            Action::DeleteIncident(id) => self.delete_incident(&id),
            Action::NewIncident(ids) => self.new_incident(&ids),
            Action::RemoveEvidence {
                incident,
                annotation,
            } => self.remove_evidence(&incident, &annotation),
            Action::MergeIncidents { keep, other } => self.merge_incidents(&keep, &other),
            Action::SplitIncident { incident, evidence } => {
                self.split_incident(&incident, &evidence)
            }
            Action::AttachArticle { article, incident } => self.attach_article(&article, &incident),
            Action::TagHits { tag, hits } => self.tag_hits(&tag, &hits),
            Action::AddRelation { kind, from, to } => self.add_relation(&kind, &from, &to),
            Action::RemoveRelation(id) => self.remove_relation(&id),
            Action::SetArticleStatus { article, status } => {
                self.set_article_status(&article, status)
            }
            Action::SetArticleLabel {
                article,
                label,
                value,
            } => self.set_article_label(&article, &label, value),
            Action::ExportIncident(id) => self.ask_export_incident(&id, dialogs),
            Action::PlaceOrphan(id) => self.place_orphan(&id),
            Action::AcceptSuggestionAt(i) => self.accept_suggestion(Some(i)),
            Action::RejectSuggestionAt(i) => self.reject_suggestion(Some(i)),
            Action::OpenPath(path) => self.request(Pending::Open(Some(path)), dialogs),
            Action::Request(pending) => self.request(pending, dialogs),
            Action::Dropped(paths) => self.dropped(paths, dialogs),
            Action::ImportWith { path, map } => self.import_corpus_with(&path, &map),
            Action::PastedArticle(text) => self.add_pasted_article(&text),
            Action::FileChosen { purpose, answer } => {
                if matches!(self.prompt, Some(Prompt::ChooseFile { .. })) {
                    self.prompt = None;
                }
                if let DialogAnswer::Chosen(paths) = answer {
                    self.file_chosen(purpose, paths, dialogs);
                }
            }
            Action::Answer(answer) => self.answer(answer, dialogs),
            Action::Settle { key, how } => self.settle(&key, how),
            Action::SettleConflict {
                conflict,
                take_theirs,
            } => self.settle_conflict(&conflict, take_theirs),
            Action::CloseRequested => {
                if !self.may_close() && self.prompt.is_none() {
                    self.prompt = Some(Prompt::Unsaved {
                        then: Pending::Quit,
                    });
                } else if self.may_close() {
                    self.quit_confirmed = true;
                }
            }
        }
    }

    fn run_command(&mut self, cmd: Command, dialogs: &mut dyn FileDialogs) {
        match cmd {
            Command::New => self.request(Pending::New, dialogs),
            Command::Open => self.request(Pending::Open(None), dialogs),
            Command::Save => {
                self.save(None, dialogs);
            }
            Command::SaveAs => self.ask_save_as(None, dialogs),
            Command::AddArticle => self.ask_articles(dialogs),
            Command::PasteArticle => {
                self.prompt = Some(Prompt::Paste {
                    text: String::new(),
                })
            }
            Command::Quit => self.request(Pending::Quit, dialogs),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::NextAnnotation => self.step_annotation(true),
            Command::PreviousAnnotation => self.step_annotation(false),
            Command::NextArticle => self.step_article(true),
            Command::PreviousArticle => self.step_article(false),
            Command::ShowKeys => self.view.keys_open = !self.view.keys_open,
            Command::SetStatus(status) => {
                if let Some(article) = self.view.current_article.clone() {
                    self.set_article_status(&article, status);
                }
            }
            Command::NextUnfinished => self.next_unfinished(),
            Command::ToggleDocLabels => self.view.doc_labels_open = !self.view.doc_labels_open,
            Command::ToggleGuidelines => self.view.guidelines_open = !self.view.guidelines_open,
            Command::StartRelation => self.start_relation(),
            Command::SearchCorpus => {
                self.view.search_open = !self.view.search_open;
                self.view.search_focus = self.view.search_open;
            }
            Command::Find => {
                self.view.find.open = true;
                self.view.find.focus_requested = true;
            }
            Command::CloseFind => {
                self.view.find.open = false;
                self.view.find.release_focus = true;
            }
            Command::DeleteAnnotation => self.delete_selected_annotation(),
            Command::ZoomIn => {
                self.settings.font_size = (self.settings.font_size + 1.0).min(40.0);
            }
            Command::ZoomOut => {
                self.settings.font_size = (self.settings.font_size - 1.0).max(9.0);
            }
            Command::ToggleTheme => self.settings.dark = !self.settings.dark,
            Command::SetAnalyst => {
                self.prompt = Some(Prompt::Analyst {
                    name: self.settings.analyst.clone().unwrap_or_default(),
                });
            }
            Command::ImportBratFolder
            | Command::ImportAnnotationFile
            | Command::ImportW3c
            | Command::Export(_)
            | Command::UpdateArticleText => self.ask_file_for(cmd, dialogs),
            Command::AcceptSuggestion => self.accept_suggestion(None),
            Command::RejectSuggestion => self.reject_suggestion(None),
            Command::NextSuggestion => self.next_suggestion(),
            Command::AcceptAllSuggestions => self.accept_all_suggestions(),
            Command::AddSelectedToIncident => self.add_selected_to_incident(),
            Command::ClearSelection => {
                self.view.selection.clear();
                self.view.selected_annotation = None;
                self.view.relation_from = None;
            }
            Command::ToggleTimeline => self.view.timeline_open = !self.view.timeline_open,
            Command::ToggleSources => self.view.sources_open = !self.view.sources_open,
            Command::ToggleMap => self.view.map_open = !self.view.map_open,
            Command::CompareWith => self.ask_file_for(cmd, dialogs),
            Command::EndComparison => {
                self.comparison = None;
                self.info("Comparison ended");
            }
        }
    }

    /// Whether a command can run now (menus grey out the others).
    pub fn can_run(&self, cmd: Command) -> bool {
        match cmd {
            Command::Undo => self.doc.can_undo(),
            Command::Redo => self.doc.can_redo(),
            Command::DeleteAnnotation => self.view.selected_annotation.is_some(),
            Command::UpdateArticleText => self.view.current_article.is_some(),
            Command::CloseFind => self.view.find.open,
            Command::EndComparison => self.comparison.is_some(),
            Command::AddSelectedToIncident => {
                self.view.selected_incident.is_some() && self.view.selected_annotation.is_some()
            }
            _ => true,
        }
    }

    fn undo(&mut self) {
        match self.doc.undo() {
            Ok(true) => self.after_history_move("Undone"),
            Ok(false) => self.info("Nothing to undo"),
            Err(e) => self.report(Level::Error, format!("Cannot undo: {e}")),
        }
    }

    fn redo(&mut self) {
        match self.doc.redo() {
            Ok(true) => self.after_history_move("Redone"),
            Ok(false) => self.info("Nothing to redo"),
            Err(e) => self.report(Level::Error, format!("Cannot redo: {e}")),
        }
    }

    /// After the project moved under the view (undo, redo, a removal), drop what is gone.
    pub(super) fn after_history_move(&mut self, what: &str) {
        self.view.forget_missing(&self.doc.project);
        self.info(what);
    }

    fn answer(&mut self, answer: PromptAnswer, dialogs: &mut dyn FileDialogs) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        match (prompt, answer) {
            (Prompt::Unsaved { then }, PromptAnswer::Save) => {
                if self.save(Some(then.clone()), dialogs) {
                    self.carry_out(then, dialogs);
                }
            }
            (Prompt::Unsaved { then }, PromptAnswer::Discard) => {
                self.discard_recovery();
                self.carry_out(then, dialogs);
            }
            (Prompt::Restore { .. }, PromptAnswer::Restore) => self.restore_recovery(),
            (Prompt::Restore { file, .. }, PromptAnswer::DiscardRecovery) => {
                self.discard_recovery_file(&file)
            }
            (Prompt::Locked { path, .. }, PromptAnswer::OpenAnyway) => {
                self.lock = crate::io::ProjectLock::force_acquire(&path).ok();
                // The other window may be a crashed one whose unsaved work waits.
                self.offer_recovery();
            }
            (Prompt::Locked { .. }, PromptAnswer::CloseHere) => {
                self.replace_document(crate::model::history::Document::new(
                    crate::model::Project::new("Untitled project"),
                    None,
                ))
            }
            (Prompt::Paste { text }, PromptAnswer::AddPasted) => self.add_pasted_article(&text),
            (Prompt::Analyst { name }, PromptAnswer::SetAnalyst) => self.set_analyst(&name),
            (Prompt::ImportMap { path, rows }, PromptAnswer::Import) => {
                let mut map = crate::io::formats::TypeMap::default();
                for row in &rows {
                    if let Some(tag) = &row.tag {
                        map.insert(&row.label, tag);
                    }
                }
                self.import_corpus_with(&path, &map);
            }
            (Prompt::ChooseFile { .. }, _) | (_, PromptAnswer::Dismiss) => {}
            // An answer that does not fit the prompt (a stale click): keep the prompt.
            (prompt, _) => self.prompt = Some(prompt),
        }
    }
}
