//! Markup as data: a small element tree (tag, attributes, children, text) that the views
//! whose content is one derived value (a rendered guide, search hits, the stack's facts, an
//! environment comparison) build as plain data, and `browser::render_nodes` turns into DOM.
//! One non-generic builder instead of a view type per shape keeps the page light, and text is
//! only ever a text node, so nothing in it can become HTML.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    pub tag: &'static str,
    /// Attribute names are fixed by the code; values are set as attribute values.
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

/// An element with children.
pub fn el(tag: &'static str, children: Vec<Node>) -> Node {
    Node::Element(Element {
        tag,
        attrs: Vec::new(),
        children,
    })
}

/// A text node.
pub fn text(s: impl Into<String>) -> Node {
    Node::Text(s.into())
}

impl Node {
    /// Adds an attribute (no effect on a text node).
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Node {
        if let Node::Element(e) = &mut self {
            e.attrs.push((name, value.into()));
        }
        self
    }

    /// Appends a child (no effect on a text node).
    pub fn child(mut self, child: Node) -> Node {
        if let Node::Element(e) = &mut self {
            e.children.push(child);
        }
        self
    }

    /// Adds the attribute when `on`.
    pub fn attr_if(self, on: bool, name: &'static str, value: &str) -> Node {
        if on {
            self.attr(name, value)
        } else {
            self
        }
    }
}
