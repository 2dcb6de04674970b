//! Incidents as GeoJSON: a FeatureCollection with a Point for every located incident.

use std::path::Path;

use serde_json::{Value, json};

use super::error::ExportError;
use super::shared::pretty_json_bytes;
use crate::io::atomic::write_atomic;
use crate::model::Project;
use crate::model::map::incident_lon_lat;

/// A GeoJSON FeatureCollection with a Point (`[lon, lat]`, as GeoJSON orders them) for every
/// incident whose location entity has both coordinates.
pub fn incidents_geojson(project: &Project) -> Value {
    let features: Vec<Value> = project
        .incidents
        .iter()
        .filter_map(|inc| {
            // The map asks the same function, so what it draws is what is exported.
            let [lon, lat] = incident_lon_lat(project, inc)?;
            Some(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": inc.id,
                    "title": inc.title,
                    "date": inc.date.map(|d| d.to_string()),
                    "event_type": inc.event_type,
                    "fatalities": inc.fatalities.best,
                    "evidence_count": inc.evidence.len(),
                },
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// The GeoJSON as the bytes of a file: pretty, two-space indent, final newline.
pub fn geojson_bytes(project: &Project) -> Result<Vec<u8>, serde_json::Error> {
    pretty_json_bytes(&incidents_geojson(project))
}

/// Write the GeoJSON to `path`, as [`geojson_bytes`].
pub fn export_geojson(project: &Project, path: &Path) -> Result<(), ExportError> {
    let bytes = geojson_bytes(project).map_err(|source| ExportError::Json {
        path: path.to_owned(),
        source,
    })?;
    write_atomic(path, &bytes)?;
    Ok(())
}
