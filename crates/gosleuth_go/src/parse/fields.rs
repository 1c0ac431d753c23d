//! Field ids of the Go grammar, looked up once (looking fields up by name
//! costs a string search per call).

use std::num::NonZeroU16;
use std::sync::OnceLock;

const NAMES: [&str; 22] = [
    "alternative",
    "arguments",
    "body",
    "condition",
    "consequence",
    "field",
    "function",
    "initializer",
    "key",
    "left",
    "name",
    "operand",
    "operator",
    "parameters",
    "path",
    "receiver",
    "result",
    "right",
    "type",
    "type_parameters",
    "update",
    "value",
];

fn ids() -> &'static [NonZeroU16; 22] {
    static IDS: OnceLock<[NonZeroU16; 22]> = OnceLock::new();
    IDS.get_or_init(|| {
        let lang = super::go_language();
        NAMES.map(|n| lang.field_id_for_name(n).unwrap_or(NonZeroU16::MAX))
    })
}

/// Field id of `alternative`.
pub(super) fn alternative() -> u16 {
    ids()[0].get()
}

/// Field id of `arguments`.
pub(super) fn arguments() -> u16 {
    ids()[1].get()
}

/// Field id of `body`.
pub(super) fn body() -> u16 {
    ids()[2].get()
}

/// Field id of `condition`.
pub(super) fn condition() -> u16 {
    ids()[3].get()
}

/// Field id of `consequence`.
pub(super) fn consequence() -> u16 {
    ids()[4].get()
}

/// Field id of `field`.
pub(super) fn field() -> u16 {
    ids()[5].get()
}

/// Field id of `function`.
pub(super) fn function() -> u16 {
    ids()[6].get()
}

/// Field id of `initializer`.
pub(super) fn initializer() -> u16 {
    ids()[7].get()
}

/// Field id of `key`.
pub(super) fn key() -> u16 {
    ids()[8].get()
}

/// Field id of `left`.
pub(super) fn left() -> u16 {
    ids()[9].get()
}

/// Field id of `name`.
pub(super) fn name() -> u16 {
    ids()[10].get()
}

/// Field id of `operand`.
pub(super) fn operand() -> u16 {
    ids()[11].get()
}

/// Field id of `operator`.
pub(super) fn operator() -> u16 {
    ids()[12].get()
}

/// Field id of `parameters`.
pub(super) fn parameters() -> u16 {
    ids()[13].get()
}

/// Field id of `path`.
pub(super) fn path() -> u16 {
    ids()[14].get()
}

/// Field id of `receiver`.
pub(super) fn receiver() -> u16 {
    ids()[15].get()
}

/// Field id of `result`.
pub(super) fn result() -> u16 {
    ids()[16].get()
}

/// Field id of `right`.
pub(super) fn right() -> u16 {
    ids()[17].get()
}

/// Field id of `type`.
pub(super) fn type_() -> u16 {
    ids()[18].get()
}

/// Field id of `type_parameters`.
pub(super) fn type_parameters() -> u16 {
    ids()[19].get()
}

/// Field id of `update`.
pub(super) fn update() -> u16 {
    ids()[20].get()
}

/// Field id of `value`.
pub(super) fn value() -> u16 {
    ids()[21].get()
}

/// Field id of `name`, as `children_by_field_id` wants it.
pub(super) fn name_nz() -> NonZeroU16 {
    ids()[10]
}
