//! The names of every word the playground shows: [`Words`], one field per
//! text. A fixed text is a `&'static str`; a text with values in it is a
//! function of them, so each language puts them where its grammar wants.
//! A new text gets its field here and its words in both `en.rs` and `zh.rs`.

use gpt_image_wasm::core::Issue;

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
        /// The accessible name of the list of this session's requests.
        requests,
        /// The first paint's hint while the app loads (`web/index.html`,
        /// written in by `cargo xtask dist`).
        shell_loading,
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
        /// Remove: an input image's button, an attachment's.
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
        /// Dismiss: a setup notice's button, the undo bar's, a failure's.
        dismiss,
        /// Close: the settings dialog's, the viewer's, the image picker's.
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
        /// Cancel: a running run's button, a running turn's.
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
        /// The gallery's heading, and the heading of the picker's gallery images.
        gallery_title,
        /// The gallery's search box label.
        gallery_search,
        /// The gallery's checkbox that shows favourites only.
        gallery_favourites_only,
        /// The gallery's group of actions (aria-label).
        gallery_actions,
        /// The gallery's button that selects every image shown.
        gallery_select_all,
        /// The gallery's button that empties the selection.
        gallery_clear_selection,
        /// The gallery's export button when nothing is selected.
        gallery_export_all,
        /// The gallery's import button.
        gallery_import,
        /// The gallery's status while an imported ZIP is read.
        gallery_reading_zip,
        /// The gallery's hint while it is empty.
        gallery_empty,
        /// The button that shows more cards (the gallery's, the picker's).
        gallery_show_more,
        /// A card's favourite star (aria-label).
        card_favourite,
        /// A card's selection box.
        card_select,
        /// The viewer dialog (aria-label).
        viewer_label,
        /// The viewer's Previous button (aria-label).
        viewer_previous_label,
        /// The viewer's Previous button.
        viewer_previous,
        /// The viewer's Next button (aria-label).
        viewer_next_label,
        /// The viewer's Next button.
        viewer_next,
        /// The viewer's button that opens the conversation an image came from.
        viewer_open_conversation,
        /// The viewer, under an image whose conversation was deleted.
        viewer_from_deleted,
        /// The viewer's facts (aria-label).
        viewer_facts,
        /// The viewer's label of the parameters the request set.
        viewer_asked,
        /// The viewer's label of the prompt as the model rewrote it.
        viewer_revised,
        /// The viewer's label of when the image was made.
        viewer_made,
        /// An image's link that opens it in the viewer (aria-label).
        viewer_open,
        /// The gallery's status when Export all is pressed with no images.
        gallery_nothing_to_export,
        /// The undo bar's Undo button (the gallery's, a conversation's).
        undo_undo,
        /// The undo bar's Dismiss button's title.
        undo_erase_title,
        /// The storage note when the browser gives no estimate.
        storage_unknown,
        /// The storage note's warning when the quota is nearly used up.
        storage_nearly_full,
        /// The storage note when the browser promised to keep the gallery.
        storage_kept,
        /// The storage note when the browser did not promise to keep the gallery.
        storage_not_kept,
        /// The storage note when the browser does not say whether it keeps the gallery.
        storage_unsure,
        /// The storage note's button that asks for persistent storage.
        storage_ask,
        /// The storage note's unit under a kilobyte (`812 bytes`).
        storage_bytes,
        /// An image's Download button.
        image_download,
        /// An image's Copy button.
        image_copy,
        /// An image's or a turn's Edit button.
        edit,
        /// An image's Edit button (aria-label).
        image_edit_label,
        /// An image's button that opens its menu.
        image_more,
        /// An image's button that opens its menu (aria-label).
        image_more_label,
        /// An image's menu item, and its picture's link (aria-label), that open it full size.
        image_open_full,
        /// An SVG's menu item that downloads it.
        image_open_file,
        /// An SVG's picture link (aria-label), which downloads it.
        image_download_svg,
        /// An image's menu item that loads its settings into the form.
        image_reuse,
        /// Delete: an image's menu item, a confirmation's button.
        delete,
        /// An image's status once copied.
        image_copied,
        /// An image's status when the browser refused the copy.
        image_copy_refused,
        /// An image's facts when its size is not known.
        image_size_unknown,
        /// The gallery's problem when the browser's storage is full.
        store_full,
        /// An export's reason when it would need ZIP64.
        zip_too_big,
        /// An import's reason when the file is not a ZIP.
        zip_not_zip,
        /// An import's reason when the ZIP spans several disks.
        zip_split_over_disks,
        /// An import's reason when the ZIP needs ZIP64.
        zip_needs_zip64,
        /// An import's reason when the ZIP's central directory is past its end.
        zip_cut_short,
        /// An import's reason when the ZIP's central directory is damaged.
        zip_directory_damaged,
        /// An export's or import's reason when the browser could not read a file.
        archive_unreadable,
        /// An export's or import's reason when the browser made no `Blob`.
        archive_no_blob,
        /// An export's reason when the browser made no object URL for the download.
        archive_no_object_url,
        /// An export's reason when there is no document to download from.
        archive_no_document,
        // Conversations.
        /// The conversation section's heading.
        conversation_title,
        /// The label of the conversation choice.
        conversation_open,
        /// The conversation choice's first option.
        conversation_new,
        /// The button that deletes the conversation in view.
        conversation_delete,
        /// The button that closes a conversation's note.
        conversation_ok,
        /// The hint while no conversation is open.
        conversation_hint,
        /// The list of turns (aria-label).
        conversation_turns,
        /// The delete confirmation (aria-label).
        confirm_label,
        /// The delete confirmation's question.
        confirm_text,
        /// The delete confirmation's button that keeps the conversation.
        confirm_keep,
        /// The composer's hint while a turn is being answered.
        composer_wait,
        /// The composer's hint otherwise.
        composer_keys,
        /// The composer's list of attached images (aria-label).
        composer_attached,
        /// The composer's text box label.
        composer_message,
        /// The composer's text box placeholder.
        composer_placeholder,
        /// The composer's `@` list (aria-label).
        composer_mentions,
        /// The composer's button that opens the picker.
        composer_attach,
        /// The composer's Send button.
        composer_send,
        /// The picker's heading.
        picker_title,
        /// The picker's heading of this conversation's images.
        picker_thread,
        /// The picker while the gallery is empty.
        picker_empty,
        /// The label of a turn's text box while it is edited.
        turn_edit_label,
        /// The button that sends an edited turn.
        turn_send_branch,
        /// A turn's attached images (aria-label).
        turn_attached,
        /// A turn's branch switch (aria-label).
        turn_branches,
        /// A turn's previous branch button (aria-label).
        turn_previous_branch,
        /// A turn's next branch button (aria-label).
        turn_next_branch,
        /// A turn's Regenerate button.
        turn_regenerate,
        /// A turn's facts while it is answered.
        turn_answering,
        /// The placeholder of a turn's image (aria-label), before a partial image.
        turn_being_made,
        /// A turn the page closed on while it was sent.
        turn_unanswered,
        /// The title of a conversation whose first turn had no text (stored in English).
        thread_untitled,
        // Errors and advice.
        /// A failure's Retry button.
        failure_retry,
        /// A cancelled request.
        advice_cancelled,
        /// Moderation refused the prompt or an image.
        advice_moderation,
        /// The account has no credit left.
        advice_quota,
        /// The API key was refused.
        advice_authentication,
        /// The key may not use the model or region.
        advice_permission,
        /// The base URL or model is wrong.
        advice_not_found,
        /// Too many requests, with no wait given.
        advice_rate_limit,
        /// A stream reported an error that a retry can help.
        advice_stream_retry,
        /// A stream reported an error.
        advice_stream,
        /// The provider failed.
        advice_server,
        /// The provider could not take the request now.
        advice_busy,
        /// The provider refused the request.
        advice_refused,
        /// The request took longer than the timeout.
        advice_timeout,
        /// A gateway's HTTP 504, named.
        advice_gateway_504,
        /// Cloudflare's HTTP 524, named.
        advice_gateway_524,
        /// After a cut long wait, when the request was streamed.
        advice_cut_streamed,
        /// After a cut long wait, when streaming was off but could be on.
        advice_cut_offer,
        /// After a cut long wait, when the request could not stream.
        advice_cut,
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
        /// What a parameter of "More parameters" is, as its tooltip: its
        /// wire name and the first line of core's English doc (the fallback
        /// for a parameter the table does not know yet).
        parameter_doc: fn(&str, &'static str),
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
        /// A number of images: `1 image`, `3 images`.
        gallery_images: fn(usize),
        /// The gallery's totals: images, tokens, estimated cost (formatted).
        gallery_totals: fn(usize, u64, &str),
        /// The gallery's count of selected images.
        gallery_selected: fn(usize),
        /// The gallery's button that deletes the selected images.
        gallery_delete_selected: fn(usize),
        /// The gallery's export button with images selected.
        gallery_export_selected: fn(usize),
        /// The gallery's status while an export is packed.
        gallery_packing: fn(usize),
        /// The gallery's status after an export: images, conversations.
        gallery_exported: fn(usize, usize),
        /// The gallery's status after an import: images, conversations.
        gallery_imported: fn(usize, usize),
        /// The gallery's status after an import that did not fit: written, in the ZIP.
        gallery_imported_partly: fn(usize, usize),
        /// The gallery's status after an import that held images it had
        /// already: new images, images skipped as already there, conversations.
        gallery_imported_known: fn(usize, usize, usize),
        /// The gallery's status after a failed export, with the reason.
        gallery_export_failed: fn(&str),
        /// The gallery's status after a failed import, with the reason.
        gallery_import_failed: fn(&str),
        /// A card's thumbnail button (aria-label), with the prompt.
        card_open: fn(&str),
        /// A card's thumbnail (alt), with the prompt.
        card_alt: fn(&str),
        /// The viewer's position: this one, of how many.
        viewer_position: fn(usize, usize),
        /// The viewer, under an image made in a conversation: its title and turn.
        viewer_from: fn(&str, Option<u32>),
        /// The undo bar, for images deleted just before a reload.
        undo_deleted_before: fn(usize),
        /// The undo bar, for images deleted now.
        undo_deleted: fn(usize),
        /// The storage note: bytes used and allowed (formatted).
        storage_used: fn(&str, &str),
        /// The gallery's problem when images were being stored as the page closed: their prompts, quoted.
        storage_lost: fn(&[String]),
        /// The gallery's problem when IndexedDB failed, with the browser's reason.
        store_failed: fn(&str),
        /// An image's alt text, with the prompt.
        image_alt: fn(&str),
        /// The tokens in an image's facts and a turn's: `1234 tokens`.
        image_tokens: fn(u64),
        /// The estimated cost (formatted) in an image's facts: `≈ $0.016`.
        image_cost: fn(&str),
        /// An import's reason when a file in the ZIP is encrypted: its name.
        zip_encrypted: fn(&str),
        /// An import's reason when a file in the ZIP is compressed another way: its name, the method's number.
        zip_method: fn(&str, u16),
        /// An import's reason when a file in the ZIP needs ZIP64: its name.
        zip_member_needs_zip64: fn(&str),
        /// An import's reason when a file's local header is damaged: its name.
        zip_local_header_damaged: fn(&str),
        /// An export's reason when the metadata file could not be written: its name.
        archive_metadata_unwritable: fn(&str),
        /// An import's reason when the ZIP has no metadata file: its name.
        archive_not_gallery: fn(&str),
        /// An import's reason when the metadata file is damaged: its name, the JSON reader's reason (English).
        archive_metadata_damaged: fn(&str, &str),
        /// An import's reason when the metadata file is of another format: its name, the format it says.
        archive_other_format: fn(&str, &str),
        /// An import's reason when a listed file is not in the ZIP: the file, the metadata file.
        archive_missing: fn(&str, &str),
        /// An import's reason when a file would end past the end of the ZIP: its name.
        archive_cut_short: fn(&str),
        /// An import's reason when a file could not be decompressed: its name.
        archive_not_decompressed: fn(&str),
        /// An import's reason when a file's size or CRC-32 does not match: its name.
        archive_damaged: fn(&str),
        // Conversations.
        /// The conversation's totals: turns, tokens, estimated cost of its images (formatted).
        conversation_totals: fn(usize, u64, &str),
        /// The undo bar after a conversation was deleted: its title, and how many images went with it.
        conversation_deleted: fn(&str, usize),
        /// The note when a provider has no Responses API: its name, and the HTTP status it answered.
        conversation_no_responses: fn(&str, u16),
        /// The delete confirmation's box that deletes the images too.
        confirm_also: fn(usize),
        /// The composer's hint while the settings have a problem.
        composer_fix_settings: fn(&str),
        /// An attached image's thumbnail (alt), by its number from 1.
        composer_attached_alt: fn(usize),
        /// The button that removes an attached image (aria-label), by its number from 1.
        composer_remove_label: fn(usize),
        /// An option of the composer's `@` list: the image's number and turn.
        composer_mention: fn(usize, u32),
        /// An image of this conversation in the picker: its number and turn.
        picker_from_turn: fn(usize, u32),
        /// A gallery image in the picker, with its prompt.
        picker_gallery_image: fn(&str),
        /// The placeholder of a turn's image (aria-label), with the latest partial image's number from 1.
        turn_partial_label: fn(u32),
        /// The note on a partial image, by its number from 1.
        turn_partial_note: fn(u32),
        /// A turn's estimated image cost (formatted).
        turn_image_cost: fn(&str),
        /// A turn's facts: its tokens, cost and API, joined.
        turn_facts: fn(&str),
        // Errors and advice.
        /// The offer to turn streaming on, with the provider's name.
        failure_stream_offer: fn(&str),
        /// Streaming was turned on, with the provider's name.
        failure_stream_on: fn(&str),
        /// A request that was not sent, with the validation report.
        advice_not_sent: fn(&str),
        /// The provider's own words after the advice: advice, its message, the request id.
        advice_said: fn(&str, &str, Option<&str>),
        /// A gateway gave up: its status (named), how long after, what it means.
        advice_gateway: fn(&str, &str, &str),
        /// Too many requests, with the wait given.
        advice_rate_limit_wait: fn(&str),
        /// The answer could not be read: its HTTP status, why.
        advice_bad_response: fn(u16, &str),
        /// A connection cut after a long wait: how long after, the browser's reason, what it means.
        advice_connection_cut: fn(&str, &str, &str),
        /// The provider could not be reached, with the browser's reason.
        advice_unreachable: fn(&str),
        /// How long a request waited (` after 20 seconds`), appended to a sentence.
        advice_after: fn(&str),
        /// How long each try waited (` after about 20 seconds each time`), appended to a sentence.
        advice_after_each: fn(&str),
        /// The client's own retries, appended to the advice: how many.
        advice_retried: fn(u32),
        /// A wait under a second, in milliseconds.
        wait_ms: fn(u64),
        /// A wait in seconds, to a tenth.
        wait_seconds: fn(f64),
        /// A wait in whole minutes.
        wait_minutes: fn(u64),
        // Validation.
        /// A problem core's validation found, from its rule and values.
        issue: fn(&Issue),
        /// A problem of the base URL, said at its field in the settings.
        base_url_issue: fn(&Issue),
    }
}
