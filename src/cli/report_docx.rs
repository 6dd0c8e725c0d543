//! `keywork report --format docx`: the weekly report as a Word document, written to `-o FILE`
//! (through `outfile`, like every output file) or to a pipe — never to a terminal.

use super::{Ctx, Failure};
use crate::config::{Lang, to_display};
use crate::report::docx::{self, Signature};
use crate::report::weekly::Period;
use crate::strings::cli as say;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Refuse, before anything is read, to send a Word file to a terminal.
pub fn check_target(output: Option<&Path>) -> Result<(), Failure> {
    let to_stdout = output.is_none_or(|p| p.as_os_str() == "-");
    if to_stdout && std::io::stdout().is_terminal() {
        return Err(Failure::usage(|l| say::no_docx_to_terminal(l).into()));
    }
    Ok(())
}

/// Build the document from the Markdown report and put it where it belongs.
pub fn write(
    ctx: &Ctx,
    md: &str,
    period: &Period,
    output: Option<PathBuf>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = ctx.config.lang;
    let day = to_display(period.to, ctx.config.offset);
    let date = match lang {
        Lang::Zh => day.format(say::ZH_SIGNATURE_DATE).to_string(),
        Lang::En => day.format(&ctx.config.date_format).to_string(),
    };
    let sign = Signature {
        office: ctx.config.report.office.clone(),
        date,
    };
    let bytes = docx::to_docx(md, lang, &sign).map_err(|e| {
        let e = e.to_string();
        Failure::runtime(move |l| say::cannot_build_docx(l, &e))
    })?;
    match output.filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            super::outfile::write_output(&path, &bytes)?;
            writeln!(out, "{}", say::wrote(lang, path.display()))?;
        }
        None => {
            out.flush()?;
            std::io::stdout().lock().write_all(&bytes)?;
        }
    }
    Ok(())
}
