//! The macro that turns the one list of parameters (`parameters/mod.rs`)
//! into both request types, the [`super::PARAMETERS`] table, and the code
//! that reads, writes and lists parameters by name.

/// Declares [`crate::GenerateRequest`] and [`crate::EditRequest`] with one
/// `Option` field per parameter (those of `shared` in both), `extra` for
/// what the list does not name, [`super::PARAMETERS`], and per request:
/// `read_parameters` (JSON), `parameter_text`/`set_parameter_text` (the
/// text of a form field), `set_parameters` (the names that are set) and
/// `shared` (a view of the shared parameters, for code that serves both).
macro_rules! requests {
    (
        shared { $( $(#[doc = $sdoc:literal])* $s:ident : $sty:ty, )* }
        generate { $( $(#[doc = $gdoc:literal])* $g:ident : $gty:ty, )* }
        edit { $( $(#[doc = $edoc:literal])* $e:ident : $ety:ty, )* }
    ) => {
        /// The body of `POST /v1/images/generations`.
        ///
        /// Every field but `prompt` is optional and absent fields stay absent on
        /// the wire, so the server's defaults apply; `extra` is sent as written.
        /// [`GenerateRequest::validate`](crate::GenerateRequest::validate)
        /// checks the rules documented on each field.
        #[derive(Debug, Clone, Default, PartialEq, Serialize)]
        pub struct GenerateRequest {
            /// What to draw. Required; each model's limit in characters is in the
            /// catalogue ([`crate::catalogue::ModelSpec::prompt_limit`]).
            pub prompt: String,
            $(
                $(#[doc = $sdoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $s: Option<$sty>,
            )*
            $(
                $(#[doc = $gdoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $g: Option<$gty>,
            )*
            /// Fields the parameter list does not name, sent as written.
            #[serde(flatten)]
            pub extra: Extra,
        }

        /// The body of `POST /v1/images/edits`.
        ///
        /// With [`ImageInput::Upload`](crate::image_input::ImageInput::Upload)s it is sent as
        /// `multipart/form-data`: the text fields come from
        /// [`EditRequest::form_fields`](crate::EditRequest::form_fields) and the
        /// files are attached under
        /// [`EditRequest::image_field_name`](crate::EditRequest::image_field_name),
        /// `mask` and `markup`. With URLs or file ids it is sent as JSON, which
        /// is what `Serialize` writes (`images: [{image_url}]`).
        #[derive(Debug, Clone, Default, PartialEq, Serialize)]
        pub struct EditRequest {
            /// What to change. Required; each model's limit is in the catalogue.
            pub prompt: String,
            /// The images to edit: what each model takes is its catalogue entry's
            /// `edits`. Multipart `image`/`image[]`; JSON `images`.
            #[serde(serialize_with = "crate::image_input::inputs_as_refs")]
            pub images: Vec<crate::image_input::ImageInput>,
            /// A PNG whose fully transparent pixels mark where to edit the first
            /// image; the same size as that image.
            #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::image_input::optional_input_as_ref")]
            pub mask: Option<crate::image_input::ImageInput>,
            /// GPT Image 2.6: a transparent PNG holding only marks (arrows,
            /// circles, scribbles) that the prompt explains, the size of the first
            /// image; not with `mask`.
            #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::image_input::optional_input_as_ref")]
            pub markup: Option<crate::image_input::ImageInput>,
            $(
                $(#[doc = $sdoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $s: Option<$sty>,
            )*
            $(
                $(#[doc = $edoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $e: Option<$ety>,
            )*
            /// Fields the parameter list does not name, sent as written.
            #[serde(flatten)]
            pub extra: Extra,
        }

        /// Every parameter of both endpoints, in the order of the list.
        pub static PARAMETERS: &[Parameter] = &[
            $( Parameter {
                name: stringify!($s),
                applies: Applies::Both,
                kind: <$sty as ParameterValue>::KIND,
                known: <$sty as ParameterValue>::KNOWN,
                typescript: <$sty as ParameterValue>::TYPESCRIPT,
                doc: concat!($($sdoc, "\n"),*),
            }, )*
            $( Parameter {
                name: stringify!($g),
                applies: Applies::Generate,
                kind: <$gty as ParameterValue>::KIND,
                known: <$gty as ParameterValue>::KNOWN,
                typescript: <$gty as ParameterValue>::TYPESCRIPT,
                doc: concat!($($gdoc, "\n"),*),
            }, )*
            $( Parameter {
                name: stringify!($e),
                applies: Applies::Edit,
                kind: <$ety as ParameterValue>::KIND,
                known: <$ety as ParameterValue>::KNOWN,
                typescript: <$ety as ParameterValue>::TYPESCRIPT,
                doc: concat!($($edoc, "\n"),*),
            }, )*
        ];

        /// Whether a request to `endpoint` takes a parameter called `name`:
        /// [`find`] without the table, so that code which needs only the
        /// names (validation, in every wasm bundle) does not link the docs.
        pub fn takes(endpoint: Endpoint, name: &str) -> bool {
            match name {
                $( stringify!($s) )|* => true,
                $( stringify!($g) )|* => endpoint == Endpoint::Generate,
                $( stringify!($e) )|* => endpoint == Endpoint::Edit,
                _ => false,
            }
        }

        /// The parameters generations and edits share, borrowed from either.
        #[derive(Debug, Clone, Copy)]
        pub struct Shared<'a> {
            $(
                $(#[doc = $sdoc])*
                pub $s: Option<&'a $sty>,
            )*
        }

        impl Shared<'_> {
            /// A generation with these parameters, the rest left out.
            pub fn generation(&self, prompt: String) -> GenerateRequest {
                GenerateRequest { prompt, $( $s: self.$s.cloned(), )* ..GenerateRequest::default() }
            }
        }

        $crate::parameters::define::request_methods!(GenerateRequest, [$($s: $sty),* $(, $g: $gty)*], [$($s),*]);
        $crate::parameters::define::request_methods!(EditRequest, [$($s: $sty),* $(, $e: $ety)*], [$($s),*]);
    };
}

/// The by-name methods of one request type (see [`requests`]).
macro_rules! request_methods {
    ($request:ident, [$($p:ident : $ty:ty),*], [$($s:ident),*]) => {
        impl $request {
            /// Reads every parameter of a JSON object; a value of the wrong
            /// kind becomes an issue of `reader` naming its field, and
            /// members the list does not name go to `extra`.
            pub fn read_parameters<J: $crate::JsonValue>(&mut self, reader: &mut ParameterReader<'_, J>) {
                $( self.$p = reader.read(stringify!($p)); )*
                self.extra = reader.extra(&[$(stringify!($p)),*]);
            }

            /// A parameter's value as a form field writes it (numbers and
            /// booleans as text, objects as JSON); `None` when it is not set
            /// or not a parameter of this request.
            pub fn parameter_text(&self, name: &str) -> Option<String> {
                match name {
                    $( stringify!($p) => self.$p.as_ref().map(ParameterValue::to_text), )*
                    _ => None,
                }
            }

            /// Sets a parameter from a form field's text (empty text unsets
            /// it); a name the list does not have goes to `extra` as a
            /// string. Text that is not the parameter's kind is an issue
            /// naming it.
            pub fn set_parameter_text<J: $crate::ParseJson>(&mut self, name: &str, text: &str) -> Result<(), $crate::Issue> {
                match name {
                    $( stringify!($p) => {
                        self.$p = if text.is_empty() {
                            None
                        } else {
                            Some(<$ty as ParameterValue>::from_text::<J>(text).ok_or_else(|| {
                                $crate::parameters::value::unreadable_text(name, <$ty as ParameterValue>::KIND, text)
                            })?)
                        };
                    } )*
                    _ => {
                        self.extra.insert(name.to_owned(), text.into());
                    }
                }
                Ok(())
            }

            /// The names of the parameters that are set, in the list's order.
            pub fn set_parameters(&self) -> Vec<&'static str> {
                let mut names = Vec::new();
                $( if self.$p.is_some() { names.push(stringify!($p)); } )*
                names
            }

            /// The parameters generations and edits share.
            pub fn shared(&self) -> Shared<'_> {
                Shared { $( $s: self.$s.as_ref(), )* }
            }
        }
    };
}

pub(crate) use request_methods;
pub(crate) use requests;
