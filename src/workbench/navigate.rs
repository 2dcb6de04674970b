//! Moving with the keyboard: to the next or previous annotation (on into the next or previous
//! article at either end of one) and to the next or previous article of the list.

use super::Workbench;

impl Workbench {
    /// Select the annotation after (or before) the selected one in the shown article, in
    /// stored order; past the last (or first), the first (or last) of the nearest article
    /// that has any. With none selected, the first (or last) of the shown article.
    pub(super) fn step_annotation(&mut self, forward: bool) {
        let project = &self.doc.project;
        let Some(article) = self.view.current_article.clone() else {
            return;
        };
        let anns = project.annotations_slice(&article);
        let here = self
            .view
            .selected_annotation
            .as_ref()
            .and_then(|id| anns.iter().position(|a| &a.id == id));
        let next_here = match (here, forward) {
            (None, true) => anns.first(),
            (None, false) => anns.last(),
            (Some(i), true) => anns.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| anns.get(i)),
        };
        let target = next_here.map(|a| a.id.clone()).or_else(|| {
            // On into the neighbouring articles, skipping those with no annotation.
            let at = project.article_index(&article)?;
            let order: Box<dyn Iterator<Item = usize>> = if forward {
                Box::new(at + 1..project.articles.len())
            } else {
                Box::new((0..at).rev())
            };
            order
                .map(|i| project.annotations_slice(&project.articles[i].id))
                .find_map(|list| if forward { list.first() } else { list.last() })
                .map(|a| a.id.clone())
        });
        match target {
            Some(id) => self.select_annotation(&id),
            None => self.info(if forward {
                "No annotation after this one"
            } else {
                "No annotation before this one"
            }),
        }
    }

    /// Show the next (or previous) article of the list.
    pub(super) fn step_article(&mut self, forward: bool) {
        let project = &self.doc.project;
        let at = self
            .view
            .current_article
            .as_deref()
            .and_then(|id| project.article_index(id));
        let target = match (at, forward) {
            (None, _) => project.articles.first(),
            (Some(i), true) => project.articles.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| project.articles.get(i)),
        };
        match target.map(|a| a.id.clone()) {
            Some(id) => self.view.open_article(&id),
            None => self.info(if forward {
                "This is the last article"
            } else {
                "This is the first article"
            }),
        }
    }
}

impl Workbench {
    /// Show the next article (after the shown one, round to the start) not done or reviewed.
    pub(super) fn next_unfinished(&mut self) {
        let project = &self.doc.project;
        let n = project.articles.len();
        let at = self
            .view
            .current_article
            .as_deref()
            .and_then(|id| project.article_index(id))
            .map_or(0, |i| i + 1);
        let found = (0..n)
            .map(|k| &project.articles[(at + k) % n.max(1)])
            .find(|a| {
                !a.status.is_finished()
                    && Some(a.id.as_str()) != self.view.current_article.as_deref()
            })
            .map(|a| a.id.clone());
        match found {
            Some(id) => self.view.open_article(&id),
            None => self.info("Every other article is done or reviewed"),
        }
    }

    /// Set an article's triage status, as one undo step.
    pub(super) fn set_article_status(
        &mut self,
        article: &str,
        status: crate::model::ArticleStatus,
    ) {
        let Some(mut changed) = self.doc.project.article(article).cloned() else {
            return;
        };
        if changed.status == status {
            return;
        }
        changed.status = status;
        let title = crate::workbench::shorten(&changed.title, 40);
        if self.apply(crate::model::Edit::UpdateArticle(changed)) {
            self.info(format!("“{title}”: {}", status.label()));
        }
    }

    /// Give an article a document label value (or take the label off), as one undo step.
    pub(super) fn set_article_label(&mut self, article: &str, label: &str, value: Option<String>) {
        let Some(mut changed) = self.doc.project.article(article).cloned() else {
            return;
        };
        let name = self
            .doc
            .project
            .doc_label(label)
            .map_or(label.to_owned(), |l| l.label.clone());
        let said = match &value {
            Some(v) => format!("{name}: {v}"),
            None => format!("{name} taken off"),
        };
        match value {
            Some(v) => {
                if changed.labels.get(label) == Some(&v) {
                    return;
                }
                changed.labels.insert(label.to_owned(), v);
            }
            None => {
                if changed.labels.remove(label).is_none() {
                    return;
                }
            }
        }
        if self.apply(crate::model::Edit::UpdateArticle(changed)) {
            self.info(said);
        }
    }
}
