//! The names of every word the playground shows: [`Words`], one field per
//! text. A fixed text is a `&'static str`; a text with values in it is a
//! function of them, so each language puts them where its grammar wants.
//! A new text gets its field here and its words in both `en.rs` and `zh.rs`.

/// Declares [`Words`] and, for the tests, the list of its fixed texts.
macro_rules! words {
    (
        texts { $( $(#[doc = $doc:literal])+ $text:ident, )* }
        with_values { $( $(#[doc = $fdoc:literal])+ $format:ident: fn($($arg:ty),*), )* }
    ) => {
        /// Every word the playground shows, in one language.
        pub struct Words {
            $( $(#[doc = $doc])+ pub $text: &'static str, )*
            $( $(#[doc = $fdoc])+ pub $format: fn($($arg),*) -> String, )*
        }

        #[cfg(test)]
        impl Words {
            /// Every fixed text, by field name.
            pub fn texts(&self) -> Vec<(&'static str, &'static str)> {
                vec![$( (stringify!($text), self.$text), )*]
            }
        }
    };
}

words! {
    texts {
        // The page.
        /// The page's `<title>` and the header's heading.
        page_title,
        /// The language switch's title.
        language,
        // The form.
        /// The form's name in generate mode.
        form_generate,
        /// The form's name in edit mode.
        form_edit,
        /// The form's name in conversation mode.
        form_conversation,
        /// The mode switch's name.
        mode,
        /// The generate mode, and the submit button in it.
        mode_generate,
        /// The edit mode, and the submit button in it.
        mode_edit,
        /// The conversation mode.
        mode_conversation,
        /// Under the modes, in conversation mode.
        form_conversation_hint,
        /// The prompt box's label.
        prompt,
        /// The empty prompt box's example.
        prompt_placeholder,
        /// The model picker's label.
        model,
        /// The model picker's group of current models.
        models_current,
        /// The model picker's group of models OpenAI is retiring.
        models_retiring,
        /// The model picker's group of retired models.
        models_retired,
        /// The model picker's choice of a typed name.
        other_model,
        /// The typed model name's label.
        model_typed,
        /// The typed model name's example.
        model_typed_placeholder,
        /// The size control.
        size,
        /// A custom size's width.
        width,
        /// A custom size's height.
        height,
        /// The quality control.
        quality,
        /// The complexity control.
        complexity,
        /// The background control.
        background,
        /// The output format control.
        format,
        /// The compression control.
        compression,
        /// A GIF's frame count.
        frames,
        /// A GIF's frame duration.
        frame_ms,
        /// The SVG author model's label.
        svg_model,
        /// The moderation control.
        moderation,
        /// The input fidelity control.
        input_fidelity,
        /// The number of images control.
        image_count,
        /// The stream checkbox.
        stream,
        /// The partial images control.
        partial_images,
        /// A select's first choice: the server's default.
        server_default,
        /// The folded section of the other parameters.
        more_parameters,
        /// The extra fields' label.
        extra_fields,
        /// By Generate, while the prompt is empty.
        needs_prompt,
        /// By Generate, while the form has errors.
        fix_marked,
        /// By Generate, when it can be sent.
        send_keys,
        /// Why there is no mask, after “No mask: ”.
        mask_blocked,
        /// Why there is no markup.
        markup_blocked,
        /// The edit's button to add input images.
        add_images,
        /// Beside Add images.
        drop_hint,
        /// The list of input images.
        input_images,
        /// An input image's button to remove it.
        remove,
        /// The mask's state when drawn.
        mask_drawn,
        /// The mask's state when there is none.
        no_mask,
        /// The button to open the drawn mask.
        edit_mask,
        /// The button to draw a mask.
        draw_mask,
        /// The button to upload a mask.
        upload_mask,
        /// The button to clear the mask.
        clear_mask,
        /// The mask dialog's heading.
        mask_title,
        /// The mask brush's colour.
        mask_colour,
        /// The mask's canvas.
        mask_area,
        /// A drawn mask that could not be encoded.
        mask_not_png,
        /// The markup's state when drawn.
        markup_drawn,
        /// The markup's state when there is none.
        no_markup,
        /// The button to open the drawn markup.
        edit_markup,
        /// The button to draw markup.
        draw_markup,
        /// The button to clear the markup.
        clear_markup,
        /// The markup dialog's heading.
        markup_title,
        /// The markup's canvas.
        markup_area,
        /// Drawn markup that could not be encoded.
        markup_not_png,
        /// A markup colour.
        red,
        /// A markup colour.
        yellow,
        /// A markup colour.
        green,
        /// A markup colour.
        blue,
        /// The drawing dialog's close button.
        drawing_done,
        /// The drawing tools' name.
        tool,
        /// The brush tool.
        brush,
        /// The eraser tool.
        eraser,
        /// The brush colours' name.
        colour,
        /// The brush size slider.
        brush_size,
        /// The drawing's undo button.
        undo,
        /// The drawing's clear button.
        clear,
        /// The drawing dialog's keyboard hint.
        drawing_keys,
        /// The image under a drawing.
        drawing_image,
        // Settings.
        /// The main screen's endpoint, before its name.
        endpoint_in_use,
        /// After the endpoint's name when its base URL is not valid.
        endpoint_not_valid,
        /// The Settings button and the dialog's heading.
        settings,
        /// A setup notice's button.
        dismiss,
        /// The settings dialog's close button.
        close,
        /// The endpoint picker's label.
        endpoint,
        /// The button to add an endpoint.
        add_endpoint,
        /// The button to remove an endpoint.
        remove_endpoint,
        /// After a locked endpoint's description.
        site_locked,
        /// The endpoint's name.
        name,
        /// The base URL's label.
        base_url,
        /// The base URL suggestion of the page's own server.
        this_server,
        /// The endpoint's image model.
        image_model,
        /// The empty image model.
        image_model_placeholder,
        /// Under the image model.
        image_model_hint,
        /// The key's label.
        api_key,
        /// The key's placeholder on the page's own server.
        key_added_by_server,
        /// The key's placeholder for another provider.
        key_of_provider,
        /// The checkbox to keep the key.
        remember_key,
        /// Under the checkbox, when the key is kept.
        key_stored,
        /// Under the checkbox, when the key is not kept.
        key_in_memory,
        /// The streaming checkbox.
        stream_images,
        /// Under the streaming checkbox.
        stream_hint,
        /// The conversations' API choice.
        conversations_through,
        /// The conversations' API: detect.
        api_detect,
        /// The conversations' API: Responses.
        api_responses,
        /// The conversations' API: Images.
        api_images,
        /// Under the conversations' API.
        conversations_hint,
        /// The conversations' text model.
        conversation_model,
        /// The connection test's button.
        test_connection,
        /// While the connection test runs.
        testing,
        /// The timeout setting.
        timeout_seconds,
        /// The retries setting.
        retries,
        /// The endpoint's title while it has no base URL.
        no_base_url,
        /// The share section's legend.
        share_endpoint,
        /// The shared link's field.
        shareable_link,
        /// The copy button, once copied.
        copied,
        /// The copy button.
        copy_link,
        /// The checkbox to share the key.
        key_in_link,
        /// Under the checkbox, when the key is shared.
        share_key_warning,
        /// Under the checkbox, when the key is not shared.
        share_without_key,
        /// The endpoint's kind.
        endpoint_kind,
        /// The OpenAI kind.
        kind_openai,
        /// An Azure endpoint's API version.
        api_version,
        /// Under the API version.
        azure_hint,
        /// The folded headers and query section.
        headers_and_query,
        /// The headers' label.
        headers,
        /// The query parameters' label.
        query,
        /// Under the headers and query.
        addressing_hint,
        /// The playground inside another page's frame.
        own_tab,
        /// The link to the playground in its own tab.
        open_playground,
        /// What set up an endpoint: a shared link.
        from_shared_link,
        /// What set up an endpoint: the page's address.
        from_address,
        /// A shared link whose endpoint is not JSON.
        link_not_json,
        /// The site's config.json could not be fetched.
        config_not_fetched,
        /// The site's config.json could not be read.
        config_not_read,
        /// The site's config.json is not JSON.
        config_not_json,
        // Runs.
        /// A run's model when none was asked for.
        default_model,
        /// A running run's button.
        cancel,
        /// A placeholder's name.
        image_being_generated,
        /// A link image's link to open it.
        open_link,
        /// A link image's link to download it.
        download_link,
        /// An edit's input, under the result.
        before_edit,
        /// The before/after slider.
        before_after,
        // The gallery.
        // Conversations.
        // Errors and advice.
        // Validation.
    }
    with_values {
        // The page.
        /// The header's running total: tokens, then the estimated cost (already formatted).
        session_totals: fn(&str, &str),
        // The form.
        /// The button that fixes a custom size.
        use_size: fn(u32, u32),
        /// The quality's note after a model change: to (empty: the default), the model, the quality it does not take.
        quality_reset: fn(&str, &str, &str),
        /// The size's note after a model change: to (empty: the default), the model, the size it does not take.
        size_reset: fn(&str, &str, &str),
        /// The size's note when an edit's model follows its input: the model, the input's width and height.
        size_auto_for_input: fn(&str, u32, u32),
        /// The size's note when an edit's size follows its input: the size, the input's width and height.
        size_for_input: fn(&str, u32, u32),
        /// After a retiring model's summary: the day.
        model_until: fn(&str),
        /// After a retired model's summary: the day.
        model_since: fn(&str),
        /// A catalogue model's summary in the picker: its id, its English summary.
        model_summary: fn(&str, &str),
        /// A select's visible label of a parameter's wire value: the parameter, the value (the value itself when unknown).
        value_label: fn(&str, &str),
        /// An input image's alternative text: its number, its file name.
        input_image: fn(usize, &str),
        /// An input image's Remove button: its number.
        remove_input_image: fn(usize),
        /// The mask's state when uploaded: the file name.
        mask_uploaded: fn(&str),
        /// The mask's state when it cannot be set: why.
        no_mask_because: fn(&str),
        // Settings.
        /// Under an empty base URL: an example.
        base_url_hint: fn(&str),
        /// The button that fixes a base URL.
        use_url: fn(&str),
        /// A whole-number setting out of range: its label, the least, the greatest, the value in use.
        whole_number: fn(&str, u32, u32, u32),
        /// A connection test answered without models: the URL, the status.
        connected_without_list: fn(&str, u16),
        /// A connection test's models, none for images: how many.
        connected_no_image_model: fn(usize),
        /// A connection test's models: how many, the image models among them.
        connected_image_models: fn(usize, &str),
        /// A connection test refused: the URL, the status, the advice.
        connection_refused: fn(&str, u16, &str),
        /// A notice: what set the endpoint up, its name.
        endpoint_set_up: fn(&str, &str),
        /// A notice: what was not used, why.
        setup_not_used: fn(&str, &str),
        /// A notice: the site's config file was not used: its name, why.
        site_config_not_used: fn(&str, &str),
        /// Why config.json was not used: its HTTP status.
        config_answered: fn(u16),
        // Runs.
        /// A run's facts: the model, and whether it is an edit.
        run_of: fn(&str, bool),
        /// A run's time so far, in seconds.
        elapsed: fn(f64),
        /// A run's tokens (already formatted), after its time.
        run_tokens: fn(&str),
        /// A run's estimated cost (already formatted).
        run_cost: fn(&str),
        /// A placeholder with a partial image, while it runs: its number, how many.
        partial_running: fn(u32, u32),
        /// A placeholder with the last partial image: its number, how many.
        partial_last: fn(u32, u32),
        /// On a partial image: its number, how many.
        partial_note: fn(u32, u32),
        /// A run's image's alternative text: the prompt.
        generated_image: fn(&str),
        /// Under an image the page could not fetch: why.
        link_not_kept: fn(&str),
        // The gallery.
        // Conversations.
        // Errors and advice.
        // Validation.
    }
}
