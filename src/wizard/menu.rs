//! The list a wizard screen is answered with: which item is highlighted, how
//! the list is cut into pages that fit the window, and what each key does.
//! Pure, so every key is tested without a terminal; `terminal.rs` draws it.
//!
//! dialoguer's own list knows the arrows and h/l for pages; people also reach
//! for Home, End, PgUp and PgDn, and expect a long list's way out (the
//! review's "Finish") on every page, so openup keeps its own list and draws it
//! with dialoguer's theme.

use console::Key;

/// What a key asks of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The highlight or the page changed: draw again.
    Moved,
    /// This item is chosen.
    Picked(usize),
    /// Enter with nothing highlighted (a safety question starts that way).
    NothingHighlighted,
    /// Esc or q, on a screen that can go back.
    Back,
    /// Ctrl-Z: put the program in the background.
    Suspend,
    /// A key the list does not use.
    Ignored,
}

/// A list of items, some of them several lines tall, cut into pages.
#[derive(Debug, Clone)]
pub struct Menu {
    /// How many lines each item takes.
    heights: Vec<usize>,
    /// The highlighted item, if any.
    at: Option<usize>,
    /// An item shown first on every page, such as the review's "Finish".
    pinned: Option<usize>,
    /// Whether Esc and q go back.
    back: bool,
    /// Lines a page may fill.
    room: usize,
    /// The page on show: it stays while the highlight is on the pinned item.
    page: usize,
    /// Letters that pick an item at once, such as y and n.
    shortcuts: Vec<(char, usize)>,
}

impl Menu {
    /// A list of items `heights` lines tall, `at` highlighted (none for a
    /// question Enter alone must not answer).
    pub fn new(heights: Vec<usize>, at: Option<usize>) -> Menu {
        let at = at.filter(|&i| i < heights.len());
        let mut menu = Menu {
            heights,
            at,
            pinned: None,
            back: false,
            room: usize::MAX,
            page: 0,
            shortcuts: Vec::new(),
        };
        menu.follow();
        menu
    }

    /// Shows `item` first on every page.
    pub fn pin(mut self, item: usize) -> Menu {
        self.pinned = Some(item).filter(|&i| i < self.heights.len());
        self.follow();
        self
    }

    /// Lets each letter pick its item at once (y and n on a yes/no screen).
    pub fn with_shortcuts(mut self, shortcuts: &[(char, usize)]) -> Menu {
        self.shortcuts = shortcuts.to_vec();
        self
    }

    /// Lets Esc and q go back.
    pub fn with_back(mut self) -> Menu {
        self.back = true;
        self
    }

    /// New heights for the same items (the text was wrapped to a new width).
    pub fn reshape(&mut self, heights: Vec<usize>) {
        if heights.len() == self.heights.len() {
            self.heights = heights;
            self.follow();
        }
    }

    /// Fits the pages into `lines` lines (at least one item a page); called
    /// before each drawing, with the window's size then.
    pub fn fit(&mut self, lines: usize) {
        self.room = lines.max(1);
        self.follow();
    }

    /// The highlighted item.
    pub fn highlighted(&self) -> Option<usize> {
        self.at
    }

    /// The items on show, in order (the pinned one first), the page number
    /// from 0 and how many pages there are.
    pub fn visible(&self) -> (Vec<usize>, usize, usize) {
        let pages = self.pages();
        let page = self.page.min(pages.len().saturating_sub(1));
        let mut shown: Vec<usize> = self.pinned.into_iter().collect();
        shown.extend(pages.get(page).cloned().unwrap_or_default());
        (shown, page, pages.len())
    }

    /// What `key` does; the highlight and page move as it says.
    pub fn press(&mut self, key: &Key) -> Action {
        let last = self.heights.len().saturating_sub(1);
        if self.heights.is_empty() {
            return Action::Ignored;
        }
        match key {
            Key::ArrowDown | Key::Tab | Key::Char('j') => {
                self.at = Some(self.at.map_or(0, |i| if i >= last { 0 } else { i + 1 }));
            }
            Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                self.at = Some(self.at.map_or(last, |i| if i == 0 { last } else { i - 1 }));
            }
            Key::Home => self.at = Some(0),
            Key::End => self.at = Some(last),
            Key::PageDown | Key::ArrowRight | Key::Char('l') => {
                let pages = self.pages();
                let next = (self.page + 1).min(pages.len().saturating_sub(1));
                self.at = match pages.get(next).and_then(|p| p.first()) {
                    Some(&first) if next != self.page => Some(first),
                    _ => pages.last().and_then(|p| p.last()).copied().or(self.at),
                };
            }
            Key::PageUp | Key::ArrowLeft | Key::Char('h') => {
                let pages = self.pages();
                let previous = self.page.saturating_sub(1);
                self.at = pages
                    .get(previous)
                    .and_then(|p| p.first())
                    .copied()
                    .or(self.at);
            }
            Key::Enter | Key::Char(' ') => {
                return self.at.map_or(Action::NothingHighlighted, Action::Picked);
            }
            Key::Escape | Key::Char('q') if self.back => return Action::Back,
            Key::Char(c) if self.shortcuts.iter().any(|(k, _)| k == c) => {
                let at = self.shortcuts.iter().find(|(k, _)| k == c).map(|(_, i)| *i);
                return at.map_or(Action::Ignored, Action::Picked);
            }
            Key::Char('\u{1a}') => return Action::Suspend,
            _ => return Action::Ignored,
        }
        self.follow();
        Action::Moved
    }

    /// Shows the page of the highlighted item, unless that is the pinned one.
    fn follow(&mut self) {
        let pages = self.pages();
        if let Some(at) = self.at.filter(|&at| Some(at) != self.pinned)
            && let Some(page) = pages.iter().position(|p| p.contains(&at))
        {
            self.page = page;
        }
        self.page = self.page.min(pages.len().saturating_sub(1));
    }

    /// The items other than the pinned one, cut into pages that fit the room
    /// left beside the pinned item.
    fn pages(&self) -> Vec<Vec<usize>> {
        let pinned = self.pinned.map_or(0, |i| self.heights[i]);
        let room = self.room.saturating_sub(pinned).max(1);
        let mut pages: Vec<Vec<usize>> = Vec::new();
        let mut used = 0;
        for (i, &height) in self.heights.iter().enumerate() {
            if Some(i) == self.pinned {
                continue;
            }
            match pages.last_mut() {
                Some(page) if used + height <= room => {
                    page.push(i);
                    used += height;
                }
                _ => {
                    pages.push(vec![i]);
                    used = height;
                }
            }
        }
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The review: "Finish" then twelve one-line answers, five lines a page.
    fn review() -> Menu {
        let mut menu = Menu::new(vec![1; 13], Some(0)).pin(0);
        menu.fit(5);
        menu
    }

    #[test]
    fn arrows_move_and_wrap_around() {
        let mut menu = Menu::new(vec![1, 2, 1], Some(0));
        assert_eq!(menu.press(&Key::ArrowUp), Action::Moved);
        assert_eq!(menu.highlighted(), Some(2));
        menu.press(&Key::ArrowDown);
        assert_eq!(menu.highlighted(), Some(0));
        menu.press(&Key::Char('j'));
        assert_eq!(menu.press(&Key::Enter), Action::Picked(1));
    }

    #[test]
    fn nothing_highlighted_until_an_arrow_is_pressed() {
        let mut menu = Menu::new(vec![1; 5], None);
        assert_eq!(menu.press(&Key::Enter), Action::NothingHighlighted);
        menu.press(&Key::ArrowDown);
        assert_eq!(menu.press(&Key::Char(' ')), Action::Picked(0));
        let mut menu = Menu::new(vec![1; 5], None);
        menu.press(&Key::ArrowUp);
        assert_eq!(menu.highlighted(), Some(4));
    }

    #[test]
    fn the_pinned_item_is_on_every_page() {
        let mut menu = review();
        let (shown, page, pages) = menu.visible();
        assert_eq!((shown, page, pages), (vec![0, 1, 2, 3, 4], 0, 3));
        menu.press(&Key::PageDown);
        assert_eq!(menu.highlighted(), Some(5));
        assert_eq!(menu.visible(), (vec![0, 5, 6, 7, 8], 1, 3));
        // Home goes to Finish; the page stays where it was.
        menu.press(&Key::Home);
        assert_eq!(menu.highlighted(), Some(0));
        assert_eq!(menu.visible().1, 1);
        assert_eq!(menu.press(&Key::Enter), Action::Picked(0));
    }

    #[test]
    fn page_keys_go_to_the_first_item_of_a_page_and_stop_at_the_ends() {
        let mut menu = review();
        menu.press(&Key::End);
        assert_eq!(menu.highlighted(), Some(12));
        assert_eq!(menu.visible().1, 2);
        menu.press(&Key::PageDown);
        assert_eq!(menu.highlighted(), Some(12));
        menu.press(&Key::PageUp);
        assert_eq!(menu.highlighted(), Some(5));
        menu.press(&Key::PageUp);
        assert_eq!(menu.highlighted(), Some(1));
        menu.press(&Key::PageUp);
        assert_eq!(menu.highlighted(), Some(1));
        menu.press(&Key::ArrowUp);
        assert_eq!(menu.highlighted(), Some(0));
        menu.press(&Key::ArrowUp);
        assert_eq!(menu.highlighted(), Some(12));
    }

    #[test]
    fn tall_items_get_pages_of_their_own_and_a_smaller_window_more_pages() {
        let mut menu = Menu::new(vec![3, 3, 1], Some(2));
        menu.fit(4);
        assert_eq!(menu.visible(), (vec![1, 2], 1, 2));
        menu.fit(2);
        assert_eq!(menu.visible(), (vec![2], 2, 3));
        menu.fit(40);
        assert_eq!(menu.visible(), (vec![0, 1, 2], 0, 1));
    }

    #[test]
    fn shortcut_letters_pick_their_item() {
        let mut menu = Menu::new(vec![1, 1], Some(0)).with_shortcuts(&[('y', 0), ('n', 1)]);
        assert_eq!(menu.press(&Key::Char('n')), Action::Picked(1));
        assert_eq!(menu.press(&Key::Char('y')), Action::Picked(0));
        assert_eq!(menu.press(&Key::Char('x')), Action::Ignored);
    }

    #[test]
    fn esc_goes_back_only_where_allowed_and_ctrl_z_suspends() {
        let mut menu = Menu::new(vec![1; 3], Some(0));
        assert_eq!(menu.press(&Key::Escape), Action::Ignored);
        assert_eq!(menu.press(&Key::Char('\u{1a}')), Action::Suspend);
        let mut menu = menu.with_back();
        assert_eq!(menu.press(&Key::Char('q')), Action::Back);
        assert_eq!(menu.press(&Key::Char('x')), Action::Ignored);
    }
}
